"""The domain's code lists (SMP-DOMAIN Appendix B), in one package that imports no app.

Every app, the feasibility rules, the wizard and the API read the same lists, so they live below all of
them: this package imports Django's ``models.TextChoices`` and translation only, never an app (an
import-linter contract in ``pyproject.toml`` keeps it so). One module per topic, named after the app whose
models mainly use it:

* ``partnerships`` — stages, review statuses, elements, objectives, pathways, protection, monitoring;
* ``stakeholders`` — organisation categories, participation roles, sides, governance;
* ``skills`` — ISCO skill levels, sectors, labour-market sources, training, recognition;
* ``costs`` — cost categories and sub-items, payers, instruments, cost-sharing models;
* ``recruitment`` — recruiter licensing, contracts, health-workforce safeguards;
* ``reviews`` — states of a PDF design brief.

Codes are exactly those of the domain reference; labels are ours and translatable.
"""
