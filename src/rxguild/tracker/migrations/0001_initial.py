
import django.db.models.deletion
import django.utils.timezone
import rxguild.tracker.models
from django.conf import settings
from django.db import migrations, models


MOVED_MODELS = [
    "applicationcontact",
    "applicationevent",
    "applicationresume",
    "employernote",
    "employerstage",
    "informationalinterview",
    "trackedapplication",
]


def content_types_to_tracker(apps, schema_editor):
    # Permissions and admin history point at content types: carry them over with the models.
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="jobs", model__in=MOVED_MODELS).update(app_label="tracker")


def content_types_to_jobs(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="tracker", model__in=MOVED_MODELS).update(app_label="jobs")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('jobs', '0010_tracker_models_moved'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    # The tables exist already (made by jobs 0002 under jobs_* names, which the models keep in
    # Meta.db_table): take them over in Django's state only, so every row stays where it is.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ApplicationResume',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file', models.FileField(upload_to=rxguild.tracker.models.resume_upload_to)),
                        ('original_name', models.CharField(max_length=200)),
                        ('content_type', models.CharField(max_length=100)),
                        ('size', models.PositiveIntegerField()),
                        ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='job_resume_files', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'jobs_applicationresume',
                        'ordering': ['-uploaded_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='EmployerStage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=60)),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('employer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pipeline_stages', to='jobs.employer')),
                    ],
                    options={
                        'db_table': 'jobs_employerstage',
                        'ordering': ['employer', 'position', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='InformationalInterview',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('person_name', models.CharField(max_length=120, verbose_name='whom')),
                        ('person_role', models.CharField(blank=True, max_length=120, verbose_name='their role')),
                        ('organization', models.CharField(blank=True, max_length=200)),
                        ('held_on', models.DateField(verbose_name='when')),
                        ('learned', models.TextField(blank=True, max_length=8000, verbose_name='what I learned')),
                        ('next_step', models.CharField(blank=True, max_length=300)),
                        ('next_step_on', models.DateField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='informational_interviews', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'jobs_informationalinterview',
                        'ordering': ['-held_on', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='TrackedApplication',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200)),
                        ('organization', models.CharField(blank=True, max_length=200)),
                        ('location', models.CharField(blank=True, max_length=200)),
                        ('external_url', models.URLField(blank=True, max_length=500)),
                        ('description', models.TextField(blank=True, max_length=20000)),
                        ('stage', models.CharField(choices=[('saved', 'Saved'), ('applied', 'Applied'), ('interviewing', 'Interviewing'), ('offer', 'Offer'), ('hired', 'Hired'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], default='saved', max_length=20)),
                        ('position', models.PositiveIntegerField(default=0)),
                        ('notes', models.TextField(blank=True, max_length=20000)),
                        ('applied_on', models.DateField(blank=True, null=True)),
                        ('follow_up_on', models.DateField(blank=True, null=True)),
                        ('follow_up_reminded_for', models.DateField(blank=True, null=True)),
                        ('submitted_at', models.DateTimeField(blank=True, null=True)),
                        ('shared_note', models.TextField(blank=True, max_length=4000)),
                        ('shared_name', models.CharField(blank=True, max_length=200)),
                        ('shared_email', models.EmailField(blank=True, max_length=254)),
                        ('shared_headline', models.CharField(blank=True, max_length=200)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('employer_stage', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='tracker.employerstage')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tracked_applications', to=settings.AUTH_USER_MODEL)),
                        ('posting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='tracked_applications', to='jobs.jobposting')),
                        ('shared_resume', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='applications', to='tracker.applicationresume')),
                    ],
                    options={
                        'db_table': 'jobs_trackedapplication',
                        'ordering': ['stage', 'position', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='EmployerNote',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('body', models.TextField(max_length=4000)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='employer_notes', to='tracker.trackedapplication')),
                    ],
                    options={
                        'db_table': 'jobs_employernote',
                        'ordering': ['created_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='ApplicationEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('tracked', 'Tracked'), ('applied', 'Applied'), ('member_stage', 'Moved on the board'), ('employer_stage', 'Status from the employer')], max_length=20)),
                        ('summary', models.CharField(max_length=300)),
                        ('shared', models.BooleanField(default=False)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='tracker.trackedapplication')),
                    ],
                    options={
                        'db_table': 'jobs_applicationevent',
                        'ordering': ['created_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='ApplicationContact',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120)),
                        ('role', models.CharField(blank=True, max_length=120)),
                        ('email', models.EmailField(blank=True, max_length=254)),
                        ('phone', models.CharField(blank=True, max_length=40)),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contacts', to='tracker.trackedapplication')),
                    ],
                    options={
                        'db_table': 'jobs_applicationcontact',
                        'ordering': ['name', 'id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='employerstage',
                    constraint=models.UniqueConstraint(fields=('employer', 'name'), name='unique_employer_stage_name'),
                ),
                migrations.AddIndex(
                    model_name='trackedapplication',
                    index=models.Index(fields=['member', 'stage', 'position'], name='tracked_board_idx'),
                ),
                migrations.AddIndex(
                    model_name='trackedapplication',
                    index=models.Index(fields=['posting', 'submitted_at'], name='tracked_applicants_idx'),
                ),
                migrations.AddIndex(
                    model_name='trackedapplication',
                    index=models.Index(fields=['follow_up_on'], name='tracked_follow_up_idx'),
                ),
                migrations.AddConstraint(
                    model_name='trackedapplication',
                    constraint=models.UniqueConstraint(condition=models.Q(('posting__isnull', False)), fields=('member', 'posting'), name='unique_tracked_posting_per_member'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_tracker, content_types_to_jobs),
    ]
