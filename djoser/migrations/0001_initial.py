import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='EmailChange',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('old_address', models.TextField(verbose_name='old address')),
                ('new_address', models.TextField(verbose_name='new address')),
                ('requested_at', models.DateTimeField(verbose_name='requested')),
                ('changed_at', models.DateTimeField(db_index=True, verbose_name='changed')),
                ('undone_at', models.DateTimeField(blank=True, null=True, verbose_name='undone')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'email change',
                'verbose_name_plural': 'email changes',
            },
        ),
    ]
