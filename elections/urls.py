from django.urls import path

from elections.views import (
    board,
    candidates,
    clusters,
    commendations,
    complaints,
    count,
    household_ballots,
    meeting,
    plans,
    public,
    team,
)

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
    path("<int:pk>/van-ban/<str:kind>/", plans.election_document, name="election_document"),
    path("cong-khai/phuong/<int:pk>/", public.public_ward, name="public_ward"),
    # --- election team ---
    path("<int:pk>/to-bau-cu/them/", team.team_member_add, name="team_member_add"),
    path("to-bau-cu/<int:pk>/xoa/", team.team_member_remove, name="team_member_remove"),
    # --- candidates & consultation ---
    path("chuc-danh/<int:pk>/", candidates.contest_detail, name="contest_detail"),
    path("chuc-danh/<int:pk>/buoc/<str:name>/", candidates.contest_transition, name="contest_transition"),
    path("chuc-danh/<int:pk>/y-kien/", candidates.contest_comment, name="contest_comment"),
    path("chuc-danh/<int:pk>/hoi-nghi/", candidates.list_conference, name="list_conference"),
    path("nguoi-ung-cu/<int:pk>/xoa/", candidates.candidate_remove, name="candidate_remove"),
    # --- meeting by residential cluster (cụm dân cư) ---
    path("<int:pk>/cum-dan-cu/", clusters.cluster_plan, name="cluster_plan"),
    path("cum-dan-cu/<int:pk>/them-cum/", clusters.cluster_add, name="cluster_add"),
    path("cum-dan-cu/<int:pk>/phan-ho/", clusters.cluster_assign, name="cluster_assign"),
    path("cum-dan-cu/<int:pk>/mat-tran/", clusters.cluster_front_agreement, name="cluster_front_agreement"),
    path("cum-dan-cu/<int:pk>/phe-duyet/", clusters.cluster_plan_approve, name="cluster_plan_approve"),
    path("cum-dan-cu/<int:pk>/huy-phe-duyet/", clusters.cluster_plan_withdraw, name="cluster_plan_withdraw"),
    path("cum/<int:pk>/sua/", clusters.cluster_update, name="cluster_update"),
    path("cum/<int:pk>/xoa/", clusters.cluster_remove, name="cluster_remove"),
    # --- meeting day ---
    path("<int:pk>/hop/", meeting.meeting_page, name="meeting_page"),
    path("hop/<int:pk>/tim-ho/", meeting.household_search, name="meeting_household_search"),
    path("hop/<int:pk>/diem-danh/", meeting.check_in, name="meeting_check_in"),
    path("hop/<int:pk>/them-ho/", meeting.walk_in, name="meeting_walk_in"),
    path("hop/<int:pk>/so-nguoi/", meeting.quorum_meter, name="meeting_quorum"),
    path("hop/<int:pk>/trinh-chieu/", meeting.projector, name="meeting_projector"),
    path("diem-danh/<int:pk>/huy/", meeting.check_in_undo, name="meeting_check_in_undo"),
    # --- the procedure, the count, the papers ---
    path("hop/<int:pk>/thu-tuc/<str:step>/", count.procedure_step, name="meeting_procedure"),
    path("hop/<int:pk>/de-cu/<int:contest_pk>/", count.floor_nomination, name="meeting_floor_nomination"),
    path("hop/<int:pk>/kiem-phieu/<int:contest_pk>/", count.tally, name="meeting_tally"),
    path("hop/<int:pk>/phieu-bau/<int:contest_pk>/", count.ballot_papers, name="meeting_ballot_papers"),
    path("hop/<int:pk>/bien-ban/<str:kind>/", count.meeting_document, name="meeting_document"),
    path("hop/<int:pk>/phieu-ho/", count.household_ballots, name="meeting_household_ballots"),
    path("hop/<int:pk>/phieu-ho/phat/", count.ballot_distribute, name="meeting_ballot_distribute"),
    path("phieu-ho/<int:pk>/thu/", count.ballot_return, name="meeting_ballot_return"),
    path("hop/<int:pk>/phieu-ho/buoc/<str:step>/", household_ballots.ballot_step, name="ballot_round_step"),
    path("hop/<int:pk>/phieu-ho/mau-phieu/", household_ballots.ballot_paper, name="ballot_round_paper"),
    # --- after the count ---
    path("<int:pk>/quyet-dinh/<str:action>/", count.election_decide, name="election_decide"),
    path("ket-qua/<int:pk>/dinh-chinh/", count.result_correct, name="result_correct"),
    path("quyet-dinh/<int:pk>/van-ban/", count.decision_document, name="decision_document"),
    path("ke-hoach/<int:pk>/ban-thanh-tra/", count.inspection_board, name="inspection_board"),
    path(
        "<int:pk>/ban-thanh-tra/cong-nhan/",
        count.board_member_recognise,
        name="board_member_recognise",
    ),
    # --- the inspection board's meeting and the notice of its composition ---
    path("ke-hoach/<int:pk>/hop-ban-thanh-tra/", board.board_page, name="board_page"),
    path(
        "ke-hoach/<int:pk>/hop-ban-thanh-tra/trieu-tap/",
        board.board_meeting_convene,
        name="board_meeting_convene",
    ),
    path("ke-hoach/<int:pk>/so-thanh-vien-ban-thanh-tra/", board.board_seats, name="board_seats"),
    path("hop-ban-thanh-tra/<int:pk>/co-mat/", board.board_attendance, name="board_attendance"),
    path("hop-ban-thanh-tra/<int:pk>/bau/", board.board_elect, name="board_elect"),
    path("hop-ban-thanh-tra/<int:pk>/bien-ban/", board.board_minutes, name="board_minutes"),
    path("hop-ban-thanh-tra/<int:pk>/thong-bao/", board.board_notice_issue, name="board_notice_issue"),
    path(
        "thong-bao-ban-thanh-tra/<int:pk>/van-ban/", board.board_notice_document, name="board_notice_document"
    ),
    # --- complaints ---
    path("<int:pk>/khieu-nai/", complaints.complaint_list, name="complaint_list"),
    path("khieu-nai/<int:pk>/giai-quyet/", complaints.complaint_resolve, name="complaint_resolve"),
]

# --- h7: commendations after the campaign ---
urlpatterns += [
    path("ke-hoach/<int:pk>/khen-thuong/", commendations.commendation_list, name="commendation_list"),
    path("ke-hoach/<int:pk>/khen-thuong/lap/", commendations.commendation_create, name="commendation_create"),
    path("khen-thuong/<int:pk>/", commendations.commendation_detail, name="commendation_detail"),
    path("khen-thuong/<int:pk>/them/", commendations.commendee_add, name="commendee_add"),
    path("khen-thuong/dong/<int:pk>/bo/", commendations.commendee_remove, name="commendee_remove"),
    path("khen-thuong/<int:pk>/de-nghi/", commendations.commendation_propose, name="commendation_propose"),
    path("khen-thuong/<int:pk>/quyet-dinh/", commendations.commendation_decide, name="commendation_decide"),
    path("khen-thuong/<int:pk>/van-ban/", commendations.commendation_document, name="commendation_document"),
    path("khen-thuong/<int:pk>/dinh-chinh/", commendations.commendation_correct, name="commendation_correct"),
]
