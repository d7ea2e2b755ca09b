from datetime import timedelta

from django.db import migrations, models
from django.utils import timezone


def existing_tokens_keep_access_but_expire(apps, schema_editor):
    # Tokens made before scopes could do everything: they keep that (their owners' scripts
    # go on working) but no token lives for ever any more; each ends 90 days from now.
    token_model = apps.get_model("accounts", "PersonalAccessToken")
    token_model.objects.update(scopes=["read", "write"])
    token_model.objects.filter(expires_at__isnull=True).update(
        expires_at=timezone.now() + timedelta(days=90)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="personalaccesstoken",
            name="scopes",
            field=models.JSONField(default=list),
        ),
        migrations.RunPython(existing_tokens_keep_access_but_expire, migrations.RunPython.noop),
    ]
