"""``ReviewTransition`` and ``ReviewComment`` join the reviews app's state; their tables were renamed by
partnerships/0003_move_review_models, so nothing is created here. Content types (and with them the admin
permissions and log entries) follow the models to this app.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MOVED = ("reviewtransition", "reviewcomment")


def content_types_follow(apps, schema_editor, *, source: str, target: str) -> None:
    """Point the moved models' content types at their new app (kept when the target already has one)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def forwards(apps, schema_editor):
    content_types_follow(apps, schema_editor, source="partnerships", target="reviews")


def backwards(apps, schema_editor):
    content_types_follow(apps, schema_editor, source="reviews", target="partnerships")


class Migration(migrations.Migration):

    dependencies = [
        ('partnerships', '0003_move_review_models'),
        ('reviews', '0002_design_brief'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ReviewComment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('element', models.CharField(blank=True, choices=[('E1', 'E1 Long- and mid-term planning'), ('E2', 'E2 Multi-stakeholder approach and policy coherence'), ('E3', 'E3 Data and information for evidence-based design'), ('E4', 'E4 Local development and job creation'), ('E5', 'E5 Skills classification, recognition and development'), ('E6', 'E6 Social aspects of employment and mobility'), ('E7', 'E7 Regular pathways, admission procedures and visa requirements'), ('E8', 'E8 Cost reduction and sharing'), ('R', 'R Ethical recruitment')], max_length=2, verbose_name='element')),
                        ('rule_id', models.CharField(blank=True, help_text='For example E3.R2 or R.11.', max_length=16, verbose_name='rule')),
                        ('text', models.TextField(verbose_name='text')),
                        ('requests_change', models.BooleanField(default=False, verbose_name='requests a change')),
                        ('resolved', models.BooleanField(default=False, verbose_name='resolved')),
                        ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                        ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='review_comments', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='review_comments', to='partnerships.partnership', verbose_name='partnership')),
                    ],
                    options={
                        'verbose_name': 'review comment',
                        'verbose_name_plural': 'review comments',
                        'ordering': ['partnership_id', '-at', '-pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('element__in', ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'R']), ('element', ''), ('element__isnull', True), _connector='OR'), name='reviewcomment_element_valid')],
                    },
                ),
                migrations.CreateModel(
                    name='ReviewTransition',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('action', models.CharField(choices=[('submit', 'Submit'), ('start_review', 'Start review'), ('release', 'Release'), ('request_changes', 'Request changes'), ('resubmit', 'Resubmit'), ('approve', 'Approve'), ('withdraw', 'Withdraw'), ('reopen', 'Reopen')], max_length=20, verbose_name='action')),
                        ('from_status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('in_review', 'In review'), ('changes_requested', 'Changes requested'), ('approved', 'Approved'), ('withdrawn', 'Withdrawn')], max_length=20, verbose_name='from status')),
                        ('to_status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('in_review', 'In review'), ('changes_requested', 'Changes requested'), ('approved', 'Approved'), ('withdrawn', 'Withdrawn')], max_length=20, verbose_name='to status')),
                        ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                        ('comment', models.TextField(blank=True, verbose_name='comment')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='review_transitions', to='partnerships.partnership', verbose_name='partnership')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='review_transitions', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ],
                    options={
                        'verbose_name': 'review transition',
                        'verbose_name_plural': 'review transitions',
                        'ordering': ['partnership_id', '-at', '-pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('action__in', ['submit', 'start_review', 'release', 'request_changes', 'resubmit', 'approve', 'withdraw', 'reopen'])), name='reviewtransition_action_valid'), models.CheckConstraint(condition=models.Q(('from_status__in', ['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'withdrawn'])), name='reviewtransition_from_status_valid'), models.CheckConstraint(condition=models.Q(('to_status__in', ['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'withdrawn'])), name='reviewtransition_to_status_valid')],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
