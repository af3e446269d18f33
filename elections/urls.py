from django.urls import path

from elections.views import plans, team

app_name = "elections"

urlpatterns = [
    # --- plans & elections ---
    path("ke-hoach/", plans.plan_list, name="plan_list"),
    path("ke-hoach/tao/<int:division_pk>/", plans.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/", plans.election_detail, name="election_detail"),
    path("<int:pk>/lich-hop/", plans.election_schedule, name="election_schedule"),
    path("<int:pk>/moc/", plans.election_milestone, name="election_milestone"),
    path("<int:pk>/chuyen/<str:name>/", plans.election_transition, name="election_transition"),
    # --- election team ---
    path("<int:pk>/to-bau-cu/them/", team.team_member_add, name="team_member_add"),
    path("to-bau-cu/<int:pk>/xoa/", team.team_member_remove, name="team_member_remove"),
]
