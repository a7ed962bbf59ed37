"""Factories for the skills app. Partnership factories are referenced by dotted path (no import cycle)."""

from __future__ import annotations

import datetime

import factory

from codelists import skills as c
from codelists.stakeholders import Side
from skills.isco import isco_default_skill_level
from skills.models import (
    DataNeed,
    DataSharingArrangement,
    EvidenceReview,
    LabourMarketEvidence,
    Occupation,
    OccupationProfile,
    QualificationFramework,
    QualificationLevel,
    RecognitionArrangement,
    Sector,
    SkillsDocumentationTool,
    TargetOccupation,
    TrainingProgramme,
)

PARTNERSHIP_FACTORY = "partnerships.tests.factories.PartnershipFactory"
PARTNERSHIP_COUNTRY_FACTORY = "partnerships.tests.factories.PartnershipCountryFactory"

#: A few ISCO-08 titles so factory rows read naturally; other codes get a generic title.
ISCO_TITLES = {
    "2": "Professionals",
    "22": "Health professionals",
    "222": "Nursing and midwifery professionals",
    "2221": "Nursing professionals",
    "25": "Information and communications technology professionals",
    "251": "Software and applications developers and analysts",
    "2512": "Software developers",
    "7": "Craft and related trades workers",
    "71": "Building and related trades workers, excluding electricians",
    "711": "Building frame and related trades workers",
    "7112": "Bricklayers and related workers",
}
_LEVELS = {
    1: c.OccupationLevel.MAJOR,
    2: c.OccupationLevel.SUB_MAJOR,
    3: c.OccupationLevel.MINOR,
    4: c.OccupationLevel.UNIT,
}


def _parent(occupation) -> Occupation | None:
    return OccupationFactory(code=occupation.code[:-1]) if len(occupation.code) > 1 else None


#
# Reference data
#


class SectorFactory(factory.django.DjangoModelFactory):
    """The ICT sector unless told otherwise (get-or-create by code)."""

    class Meta:
        model = Sector
        django_get_or_create = ["code"]

    code = c.SectorCode.ICT
    label = factory.LazyAttribute(lambda sector: c.SectorCode(sector.code).label)
    remote_feasible = factory.LazyAttribute(lambda sector: sector.code == c.SectorCode.ICT)


class OccupationFactory(factory.django.DjangoModelFactory):
    """An ISCO-08 group with its whole chain of parents (get-or-create by code); 2221 nursing by default."""

    class Meta:
        model = Occupation
        django_get_or_create = ["code"]

    code = "2221"
    level = factory.LazyAttribute(lambda o: _LEVELS[len(o.code)])
    title = factory.LazyAttribute(lambda o: ISCO_TITLES.get(o.code, f"ISCO-08 group {o.code}"))
    parent = factory.LazyAttribute(_parent)
    skill_level = factory.LazyAttribute(lambda o: isco_default_skill_level(o.code))


class QualificationFrameworkFactory(factory.django.DjangoModelFactory):
    """A regional framework of eight levels."""

    class Meta:
        model = QualificationFramework
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"QF{n}")
    name = factory.LazyAttribute(lambda fw: f"Qualifications framework {fw.code}")
    scope = c.QualificationScope.REGIONAL
    region_name = "European Union"
    levels_count = 8


class QualificationLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualificationLevel

    framework = factory.SubFactory(QualificationFrameworkFactory)
    level = factory.Sequence(lambda n: str(n % 8 + 1))
    title = factory.LazyAttribute(lambda lvl: f"Level {lvl.level}")


#
# Target occupations
#


class TargetOccupationFactory(factory.django.DjangoModelFactory):
    """A unit group targeted by a partnership, with its skill band defaulted from ISCO."""

    class Meta:
        model = TargetOccupation
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    occupation = factory.SubFactory(OccupationFactory)
    skill_level = factory.LazyAttribute(lambda t: c.skill_band(t.occupation.skill_level) or "")
    places_per_year = 20


class OccupationProfileFactory(factory.django.DjangoModelFactory):
    """A destination-side profile of a target occupation."""

    class Meta:
        model = OccupationProfile

    target_occupation = factory.SubFactory(TargetOccupationFactory)
    country = factory.SubFactory(
        PARTNERSHIP_COUNTRY_FACTORY,
        partnership=factory.SelfAttribute("..target_occupation.partnership"),
        side=Side.DESTINATION,
    )
    classification_code = "2221"


#
# Training, recognition, documentation
#


class TrainingProgrammeFactory(factory.django.DjangoModelFactory):
    """A dual-track origin programme before departure."""

    class Meta:
        model = TrainingProgramme

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    name = factory.Sequence(lambda n: f"Training programme {n}")
    track = c.TrainingTrack.DUAL
    location = c.TrainingLocation.ORIGIN
    mode = c.TrainingMode.ORIGIN_SYSTEM_TRAINING
    stage = c.TrainingStage.PRE_DEPARTURE
    audience = c.TrainingAudience.CANDIDATES
    modules = factory.LazyFunction(lambda: [c.TrainingModule.TECHNICAL, c.TrainingModule.LANGUAGE])
    places_total = 60
    places_migration = 50


class RecognitionArrangementFactory(factory.django.DjangoModelFactory):
    """A vertical mutual-recognition arrangement under negotiation."""

    class Meta:
        model = RecognitionArrangement

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    name = factory.Sequence(lambda n: f"Recognition arrangement {n}")
    kind = c.RecognitionKind.MUTUAL_RECOGNITION
    scope = c.RecognitionScope.VERTICAL
    recognition_type = c.RecognitionType.PROFESSIONAL
    status = c.RecognitionStatus.NEGOTIATING


class SkillsDocumentationToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillsDocumentationTool

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    kind = c.DocumentationToolKind.SKILLS_PASSPORT
    name = "Europass"
    stages = factory.LazyFunction(lambda: [c.DocumentationToolStage.PRE_DEPARTURE, c.DocumentationToolStage.RETURN])
    free_to_migrant = True
    languages = factory.LazyFunction(lambda: ["en", "fr"])


#
# Evidence and data
#


class LabourMarketEvidenceFactory(factory.django.DjangoModelFactory):
    """A recent labour-force survey on labour demand."""

    class Meta:
        model = LabourMarketEvidence

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    title = factory.Sequence(lambda n: f"Labour-force survey {n}")
    source_type = c.SourceType.LABOUR_FORCE_SURVEY
    topics = factory.LazyFunction(lambda: [c.Topic.LABOUR_DEMAND])
    reference_year = factory.LazyFunction(lambda: datetime.date.today().year - 1)


class DataNeedFactory(factory.django.DjangoModelFactory):
    """An answered Box 10 prompt (the first of the checklist unless told otherwise)."""

    class Meta:
        model = DataNeed

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    prompt_code = c.DATA_NEED_PROMPT_CODES[0]
    status = c.DataNeedStatus.ANSWERED
    answer = "Recorded from the joint labour-market assessment."


class EvidenceReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvidenceReview

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    held_on = factory.LazyFunction(datetime.date.today)
    conclusions = "Shortages confirmed in both partner countries."


class DataSharingArrangementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataSharingArrangement

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    kind = c.DataSharingKind.SECTOR_WORKING_GROUP
    data_types = factory.LazyFunction(lambda: [c.DataType.SKILLS_NEEDS])
