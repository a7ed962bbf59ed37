"""The review workflow's rows move to the reviews app; their tables are renamed and every row kept.

Only the model state leaves this app: the database keeps the tables, renamed to the reviews app's names, so
no row is copied or lost. reviews/0003_move_review_models adds the models to that app's state.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('partnerships', '0002_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="reviewtransition", table="reviews_reviewtransition"),
                migrations.AlterModelTable(name="reviewcomment", table="reviews_reviewcomment"),
            ],
            state_operations=[
                migrations.RemoveField(
                    model_name='reviewtransition',
                    name='partnership',
                ),
                migrations.RemoveField(
                    model_name='reviewtransition',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='ReviewComment',
                ),
                migrations.DeleteModel(
                    name='ReviewTransition',
                ),
            ],
        ),
    ]
