# Our models. Databases of this package's earlier releases already have their
# tables (under the old 0001_initial): CreateModelUnlessPresent adopts them.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from djoser.webauthn.migration_operations import CreateModelUnlessPresent


class Migration(migrations.Migration):

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("webauthn", "0001_initial"),
    ]

    operations = [
        CreateModelUnlessPresent(
            name='Challenge',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('challenge', models.CharField(max_length=128, unique=True, verbose_name='challenge')),
                ('ceremony', models.CharField(choices=[('signup', 'sign up'), ('login', 'log in'), ('add', 'add')], max_length=8, verbose_name='ceremony')),
                ('user_handle', models.CharField(blank=True, max_length=88, verbose_name='user handle')),
                ('username', models.TextField(blank=True, verbose_name='username')),
                ('expires_at', models.DateTimeField(db_index=True, verbose_name='expires at')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'challenge',
            },
        ),
        CreateModelUnlessPresent(
            name='Passkey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=64, verbose_name='name')),
                ('credential_id', models.CharField(max_length=1364, unique=True, verbose_name='credential ID')),
                ('public_key', models.BinaryField(verbose_name='public key')),
                ('sign_count', models.PositiveBigIntegerField(default=0, verbose_name='signature counter')),
                ('transports', models.JSONField(blank=True, default=list, verbose_name='transports')),
                ('created', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('last_used', models.DateTimeField(blank=True, null=True, verbose_name='last used')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='passkeys', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'passkey',
                'ordering': ['created', 'pk'],
            },
        ),
        CreateModelUnlessPresent(
            name='UserHandle',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('handle', models.CharField(max_length=88, unique=True, verbose_name='user handle')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='webauthn_handle', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'user handle',
            },
        ),
    ]
