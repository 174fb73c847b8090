from django.db import models


class SentEmail(models.Model):
    """One message the outbox backend kept instead of sending it."""

    sent_at = models.DateTimeField(auto_now_add=True)
    from_email = models.CharField(max_length=254)
    recipients = models.JSONField(default=list)
    subject = models.TextField()
    body = models.TextField()
    html_body = models.TextField(blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self):
        return self.subject
