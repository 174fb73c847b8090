# djoser 2.x's table, emptied of what a login needs by 0003. Databases of our
# earlier releases never had it: DeleteModelIfPresent skips them. Going back
# makes it again (empty, then 0003 fills it).

from django.db import migrations

from djoser.webauthn.migration_operations import DeleteModelIfPresent


class Migration(migrations.Migration):
    dependencies = [
        ("webauthn", "0003_credentialoptions_to_passkeys"),
    ]

    operations = [
        DeleteModelIfPresent(name="CredentialOptions"),
    ]
