"""Readable handles for existing profiles: derived from the display name (else the account's
name), deduplicated with -2, -3, ...; the old random handle becomes an alias so links to it
keep working. Profiles with no usable name keep their handle."""

from django.db import migrations

from rxguild.profiles.handles import handle_candidates, handle_from_name


def forwards(apps, schema_editor):
    Profile = apps.get_model("profiles", "Profile")
    HandleAlias = apps.get_model("profiles", "HandleAlias")
    taken = set(Profile.objects.values_list("handle", flat=True))
    taken |= set(HandleAlias.objects.values_list("handle", flat=True))
    for profile in Profile.objects.select_related("user").order_by("pk"):
        full_name = f"{profile.user.first_name} {profile.user.last_name}".strip()
        base = handle_from_name(profile.display_name) or handle_from_name(full_name)
        if not base:
            continue
        new = next((c for c in handle_candidates(base) if c not in taken), None)
        if new is None:
            continue
        HandleAlias.objects.create(profile=profile, handle=profile.handle)
        profile.handle = new
        profile.save(update_fields=["handle"])
        taken.add(new)


def backwards(apps, schema_editor):
    # The readable handles stay; the aliases still point at the same profiles.
    pass


class Migration(migrations.Migration):
    dependencies = [("profiles", "0002_handle_aliases")]

    operations = [migrations.RunPython(forwards, backwards)]
