"""The project both packages are measured in: the same settings, URLs and floor."""
