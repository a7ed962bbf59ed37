"""The titles of the SDG targets and Global Compact objectives the reference data loads
(``partnerships/data/*.csv``), marked for translation so the catalogues carry them: the rows keep the English
title and the models show it in the reader's language (``SdgTarget.__str__``, ``GcmObjective.__str__``). A test
keeps this list identical to the CSV files."""

from django.utils.translation import gettext_noop

SDG_TARGET_TITLES: dict[str, str] = {
    "3.c": gettext_noop(
        "More health financing, and more recruitment, training, development and retention of the health workforce in developing countries"
    ),
    "4.3": gettext_noop(
        "Equal access for women and men to affordable, good-quality technical, vocational and tertiary education"
    ),
    "4.4": gettext_noop(
        "Many more young people and adults with job-relevant skills, including technical and vocational skills, for work and entrepreneurship"
    ),
    "4.5": gettext_noop(
        "No gender gaps in education; vulnerable groups reach every level of education and vocational training"
    ),
    "8.5": gettext_noop("Full, productive employment and decent work for all, with equal pay for work of equal value"),
    "8.6": gettext_noop("Fewer young people not in employment, education or training (target year 2020)"),
    "8.7": gettext_noop("End forced labour, modern slavery, human trafficking and child labour"),
    "8.8": gettext_noop(
        "Protect labour rights and safe, secure workplaces for all workers, including migrants, above all women migrants and people in precarious jobs"
    ),
    "10.7": gettext_noop(
        "Orderly, safe, regular and responsible migration and mobility, including through planned and well-managed migration policies"
    ),
    "10.7.1": gettext_noop(
        "Indicator: recruitment cost paid by the worker as a share of monthly income earned in the destination"
    ),
    "10.c": gettext_noop("Bring migrant remittance costs below 3 % and eliminate corridors costing more than 5 %"),
    "13.1": gettext_noop("Stronger resilience and capacity to adapt to climate hazards and natural disasters"),
    "13.3": gettext_noop(
        "Better education, awareness and human and institutional capacity on climate mitigation, adaptation, impact reduction and early warning"
    ),
    "17.3": gettext_noop("Mobilise additional financial resources for developing countries from several sources"),
    "17.14": gettext_noop("Greater policy coherence for sustainable development"),
    "17.16": gettext_noop(
        "A stronger global partnership for sustainable development, backed by multi-stakeholder partnerships"
    ),
    "17.17": gettext_noop("Effective public, public–private and civil-society partnerships"),
}

GCM_OBJECTIVE_TITLES: dict[int, str] = {
    1: gettext_noop("Collect and use accurate and disaggregated data as the basis for evidence-based policy"),
    2: gettext_noop("Minimise the adverse drivers and structural factors that compel people to leave their country"),
    3: gettext_noop("Provide accurate and timely information at every stage of migration"),
    4: gettext_noop("Ensure that all migrants have proof of legal identity and adequate documentation"),
    5: gettext_noop("Enhance the availability and flexibility of pathways for regular migration"),
    6: gettext_noop("Facilitate fair and ethical recruitment and safeguard the conditions of decent work"),
    7: gettext_noop("Address and reduce vulnerabilities in migration"),
    8: gettext_noop("Save lives and coordinate international efforts on missing migrants"),
    9: gettext_noop("Strengthen the transnational response to the smuggling of migrants"),
    10: gettext_noop("Prevent, combat and eradicate trafficking in persons in the context of international migration"),
    11: gettext_noop("Manage borders in an integrated, secure and coordinated way"),
    12: gettext_noop(
        "Strengthen certainty and predictability in migration procedures, for appropriate screening, assessment and referral"
    ),
    13: gettext_noop("Use immigration detention only as a last resort and work towards alternatives"),
    14: gettext_noop("Enhance consular protection, assistance and cooperation throughout the migration cycle"),
    15: gettext_noop("Provide access to basic services for migrants"),
    16: gettext_noop("Empower migrants and societies to achieve full inclusion and social cohesion"),
    17: gettext_noop("Eliminate all forms of discrimination and promote evidence-based public discourse on migration"),
    18: gettext_noop(
        "Invest in skills development and facilitate mutual recognition of skills, qualifications and competences"
    ),
    19: gettext_noop(
        "Create conditions for migrants and diasporas to contribute fully to sustainable development in all countries"
    ),
    20: gettext_noop("Promote faster, safer and cheaper remittances and foster migrants' financial inclusion"),
    21: gettext_noop("Cooperate on safe and dignified return and readmission, and sustainable reintegration"),
    22: gettext_noop("Establish mechanisms for the portability of social-security entitlements and earned benefits"),
    23: gettext_noop(
        "Strengthen international cooperation and global partnerships for safe, orderly and regular migration"
    ),
}
