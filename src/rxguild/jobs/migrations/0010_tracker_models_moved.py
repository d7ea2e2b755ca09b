
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('jobs', '0009_posting_phrase_pairs_pg'),
    ]

    # The tracker's models moved to the tracker app with their tables (tracker 0001 takes them
    # over under the same names), so this only changes Django's state: no table is touched.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='applicationevent',
                    name='application',
                ),
                migrations.RemoveField(
                    model_name='applicationresume',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='trackedapplication',
                    name='shared_resume',
                ),
                migrations.RemoveField(
                    model_name='employernote',
                    name='application',
                ),
                migrations.RemoveField(
                    model_name='employernote',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='employerstage',
                    name='employer',
                ),
                migrations.RemoveField(
                    model_name='trackedapplication',
                    name='employer_stage',
                ),
                migrations.RemoveField(
                    model_name='informationalinterview',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='trackedapplication',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='trackedapplication',
                    name='posting',
                ),
                migrations.DeleteModel(
                    name='ApplicationContact',
                ),
                migrations.DeleteModel(
                    name='ApplicationEvent',
                ),
                migrations.DeleteModel(
                    name='ApplicationResume',
                ),
                migrations.DeleteModel(
                    name='EmployerNote',
                ),
                migrations.DeleteModel(
                    name='EmployerStage',
                ),
                migrations.DeleteModel(
                    name='InformationalInterview',
                ),
                migrations.DeleteModel(
                    name='TrackedApplication',
                ),
            ],
            database_operations=[],
        ),
    ]
