"""A small project written against djoser 2.x, for the drop-in tests.

It imports djoser's public names, subclasses them the way projects do, and
points djoser's SERIALIZERS, EMAIL and PERMISSIONS settings at its own classes.
"""
