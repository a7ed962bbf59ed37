"""URLs of the API, mounted at /api/ (smp/urls.py).

``/api/v1/`` is version 1 of the REST API (see docs/api.md for the versioning and deprecation policy),
``/api/schema/`` its OpenAPI 3 description, ``/api/docs/`` a reference page rendered from that schema
without any external asset, and ``/api/tokens/`` the pages where officials manage their clients' keys.
"""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from agreements.api import views as agreements
from api import views
from costs.api.views import (
    ActualSpendingViewSet,
    CostBenefitAnalysisViewSet,
    CostItemViewSet,
    CurrencyViewSet,
    ExchangeRateViewSet,
    SustainabilityPlanViewSet,
)
from feasibility.api.views import FeasibilityRunViewSet, RuleViewSet
from partnerships.api import views as partnerships
from recruitment.api.views import RecruiterViewSet, RecruitmentArrangementViewSet, WhoSslEntryViewSet
from reviews.api.views import ReviewCommentViewSet, ReviewTransitionViewSet
from skills.api import views as skills
from stakeholders.api.views import (
    CapacityActivityViewSet,
    GovernanceBodyViewSet,
    OrganisationViewSet,
    ParticipationViewSet,
    PartnerGapViewSet,
)

app_name = "api"


class ApiRouter(DefaultRouter):
    include_format_suffixes = False


router = ApiRouter()
router.register("partnerships", partnerships.PartnershipViewSet, basename="partnership")
router.register("partnership-countries", partnerships.PartnershipCountryViewSet, basename="partnership-country")
router.register("objectives", partnerships.ObjectiveViewSet, basename="objective")
router.register("pathways", partnerships.PathwayViewSet, basename="pathway")
router.register("continuum-provisions", partnerships.ContinuumProvisionViewSet, basename="continuum-provision")
router.register(
    "social-protection-covers", partnerships.SocialProtectionCoverViewSet, basename="social-protection-cover"
)
router.register("grievance-channels", partnerships.GrievanceChannelViewSet, basename="grievance-channel")
router.register("indicators", partnerships.IndicatorViewSet, basename="indicator")
router.register("objective-tensions", partnerships.ObjectiveTensionViewSet, basename="objective-tension")
router.register("indicator-values", partnerships.IndicatorValueViewSet, basename="indicator-value")
router.register("reporting-periods", partnerships.ReportingPeriodViewSet, basename="reporting-period")
router.register("feasibility-studies", partnerships.FeasibilityStudyViewSet, basename="feasibility-study")
router.register("evaluations", partnerships.EvaluationViewSet, basename="evaluation")
router.register("linked-initiatives", partnerships.LinkedInitiativeViewSet, basename="linked-initiative")
router.register("business-linkages", partnerships.BusinessLinkageViewSet, basename="business-linkage")
router.register("pathway-steps", partnerships.PathwayStepViewSet, basename="pathway-step")
router.register("stage-changes", partnerships.StageChangeViewSet, basename="stage-change")
router.register("countries", partnerships.CountryViewSet, basename="country")
router.register("sdg-targets", partnerships.SdgTargetViewSet, basename="sdg-target")
router.register("gcm-objectives", partnerships.GcmObjectiveViewSet, basename="gcm-objective")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("participations", ParticipationViewSet, basename="participation")
router.register("governance-bodies", GovernanceBodyViewSet, basename="governance-body")
router.register("sectors", skills.SectorViewSet, basename="sector")
router.register("occupations", skills.OccupationViewSet, basename="occupation")
router.register("target-occupations", skills.TargetOccupationViewSet, basename="target-occupation")
router.register("labour-market-evidence", skills.LabourMarketEvidenceViewSet, basename="labour-market-evidence")
router.register("training-programmes", skills.TrainingProgrammeViewSet, basename="training-programme")
router.register("recognition-arrangements", skills.RecognitionArrangementViewSet, basename="recognition-arrangement")
router.register("cost-items", CostItemViewSet, basename="cost-item")
router.register("actual-spending", ActualSpendingViewSet, basename="actual-spending")
router.register("exchange-rates", ExchangeRateViewSet, basename="exchange-rate")
router.register("recruiters", RecruiterViewSet, basename="recruiter")
router.register("recruitment-arrangements", RecruitmentArrangementViewSet, basename="recruitment-arrangement")
# Stakeholders, skills and costs rows, and their reference tables
router.register("partner-gaps", PartnerGapViewSet, basename="partner-gap")
router.register("capacity-activities", CapacityActivityViewSet, basename="capacity-activity")
router.register("occupation-profiles", skills.OccupationProfileViewSet, basename="occupation-profile")
router.register(
    "skills-documentation-tools", skills.SkillsDocumentationToolViewSet, basename="skills-documentation-tool"
)
router.register("data-needs", skills.DataNeedViewSet, basename="data-need")
router.register("evidence-reviews", skills.EvidenceReviewViewSet, basename="evidence-review")
router.register("data-sharing-arrangements", skills.DataSharingArrangementViewSet, basename="data-sharing-arrangement")
router.register("cost-benefit-analyses", CostBenefitAnalysisViewSet, basename="cost-benefit-analysis")
router.register("sustainability-plans", SustainabilityPlanViewSet, basename="sustainability-plan")
router.register("qualification-frameworks", skills.QualificationFrameworkViewSet, basename="qualification-framework")
router.register("qualification-levels", skills.QualificationLevelViewSet, basename="qualification-level")
router.register("who-ssl-entries", WhoSslEntryViewSet, basename="who-ssl-entry")
router.register("currencies", CurrencyViewSet, basename="currency")
router.register("elements", partnerships.ElementViewSet, basename="element")
router.register("rules", RuleViewSet, basename="rule")
router.register("feasibility-runs", FeasibilityRunViewSet, basename="feasibility-run")
router.register("review-transitions", ReviewTransitionViewSet, basename="review-transition")
router.register("review-comments", ReviewCommentViewSet, basename="review-comment")

urlpatterns = [
    path(
        "v1/partnerships/<str:pk>/agreement-draft/",
        agreements.AgreementDraftRequestView.as_view(),
        name="agreement-draft",
    ),
    path(
        "v1/partnerships/<str:pk>/agreement-draft/<str:draft_id>/",
        agreements.AgreementDraftDetailView.as_view(),
        name="agreement-draft-detail",
    ),
    path(
        "v1/partnerships/<str:pk>/agreement-draft/<str:draft_id>/docx/",
        agreements.AgreementDraftFileView.as_view(extension="docx"),
        name="agreement-draft-docx",
    ),
    path(
        "v1/partnerships/<str:pk>/agreement-draft/<str:draft_id>/pdf/",
        agreements.AgreementDraftFileView.as_view(extension="pdf"),
        name="agreement-draft-pdf",
    ),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.docs, name="docs"),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    re_path(r"^.*$", views.not_found, name="not_found"),
]
