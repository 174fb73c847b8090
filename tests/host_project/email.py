from djoser.email import ActivationEmail

HOST_SITE_NAME = "Host Project"


class HostActivationEmail(ActivationEmail):
    def get_context_data(self):
        context = super().get_context_data()
        context["site_name"] = HOST_SITE_NAME
        return context
