from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView


class FloorMeView(APIView):
    """The least a ``users/me/`` can do: the project's authentication, one dict.

    Same authentication classes and the same fields, in the same order, as
    the packages' ``users/me/`` answers for Django's user model.
    """

    permission_classes = [IsAuthenticated]

    def get(self, request):
        user = request.user
        return Response({"email": user.email, "id": user.pk, "username": user.username})
