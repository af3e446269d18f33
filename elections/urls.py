from django.urls import path

from elections.views import (
    board,
    board_term,
    budget,
    candidates,
    clusters,
    commendations,
    complaints,
    count,
    head_release,
    household_ballots,
    invitations,
    meeting,
    mobilisation,
    plans,
    practice,
    public,
    signed_copies,
    team,
    term_report,
    vacancies,
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
    # --- practice copies ---
    path("ke-hoach/<int:pk>/thuc-hanh/", practice.plan_practice_create, name="plan_practice_create"),
    path("ke-hoach/<int:pk>/lam-lai/", practice.plan_practice_reset, name="plan_practice_reset"),
    path("<int:pk>/thuc-hanh/", practice.election_practice_create, name="election_practice_create"),
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
    # --- bringing the households in (issue 18) ---
    path("hop/<int:pk>/ho-chua-den/", mobilisation.not_yet_come_list, name="meeting_not_yet_come"),
    path(
        "hop/<int:pk>/ho-chua-den/<int:household>/van-dong/",
        mobilisation.visit_mark,
        name="meeting_visit_mark",
    ),
    path("hop/<int:pk>/phieu-van-dong/", mobilisation.mobilisation_sheet, name="meeting_mobilisation_sheet"),
    path(
        "hop/<int:pk>/phieu-van-dong/xlsx/",
        mobilisation.mobilisation_export,
        name="meeting_mobilisation_export",
    ),
    path("hop/<int:pk>/bieu-do-den-hop/", mobilisation.turnout_chart, name="meeting_turnout_chart"),
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
    # --- h3: the inspection board between elections (Luật Art. 36.2; NĐ 59 Art. 13) ---
    path("ke-hoach/<int:pk>/ban-thanh-tra/nhiem-ky/", board_term.board_term_page, name="board_term_page"),
    path(
        "thanh-vien-ban-thanh-tra/<int:pk>/de-nghi-cho-thoi/",
        board_term.release_propose,
        name="board_release_propose",
    ),
    path("de-nghi-cho-thoi/<int:pk>/lich-hop/", board_term.release_schedule, name="board_release_schedule"),
    path("de-nghi-cho-thoi/<int:pk>/quyet-dinh/", board_term.release_decide, name="board_release_decide"),
    path("de-nghi-cho-thoi/<int:pk>/van-ban/", board_term.release_document, name="board_release_document"),
    path("vi-tri-khuyet/<int:pk>/bau-bo-sung/", board_term.by_election_open, name="by_election_open"),
    path(
        "huong-dan-bau-bo-sung/<int:pk>/van-ban/",
        board_term.by_election_document,
        name="by_election_document",
    ),
    path(
        "ke-hoach/<int:pk>/ban-thanh-tra/thong-bao-lai/",
        board_term.notice_reissue,
        name="board_notice_reissue",
    ),
    path(
        "ke-hoach/<int:pk>/ban-thanh-tra/bau-thay/",
        board_term.officer_meeting_convene,
        name="board_officer_meeting_convene",
    ),
    path("hop-ban-thanh-tra/<int:pk>/bau-thay/", board_term.officer_replace, name="board_officer_replace"),
    # --- complaints ---
    path("<int:pk>/khieu-nai/", complaints.complaint_list, name="complaint_list"),
    path("khieu-nai/<int:pk>/giai-quyet/", complaints.complaint_resolve, name="complaint_resolve"),
    # --- while a khu phố has no head; a reorganisation carried into the posts (issue 14) ---
    path("vi-tri-khuyet/<int:pk>/", vacancies.vacancy_detail, name="vacancy_detail"),
    path("vi-tri-khuyet/<int:pk>/quyet-dinh/<str:action>/", vacancies.vacancy_decide, name="vacancy_decide"),
    path("sap-xep/<int:pk>/", vacancies.reorganisation_term, name="reorganisation_term"),
    path("sap-xep/<int:pk>/ap-dung/", vacancies.reorganisation_apply, name="reorganisation_apply"),
    # --- a head's resignation or dismissal (NĐ 59 Art. 9) ---
    path("khu-pho/<int:pk>/truong-khu-pho/", head_release.head_release_page, name="head_release_page"),
    path("khu-pho/<int:pk>/cho-thoi/", head_release.head_release_request, name="head_release_request"),
    path("cho-thoi/<int:pk>/trieu-tap/", head_release.head_release_convene, name="head_release_convene"),
]

# --- the election budget (issue 15) ---
urlpatterns += [
    path("ke-hoach/<int:pk>/kinh-phi/", budget.budget_page, name="budget_page"),
    path("ke-hoach/<int:pk>/kinh-phi/quyet-toan/", budget.budget_settle, name="budget_settle"),
    path("ke-hoach/<int:pk>/kinh-phi/dinh-chinh/", budget.budget_correct, name="budget_correct"),
    path("ke-hoach/<int:pk>/kinh-phi/xuat.xlsx", budget.budget_export, name="budget_export"),
    path("ke-hoach/<int:pk>/kinh-phi/bao-cao/", budget.budget_document, name="budget_document"),
    path("kinh-phi/<int:pk>/", budget.budget_rollup_page, name="budget_rollup"),
    path("kinh-phi/<int:pk>/xuat.xlsx", budget.budget_rollup_export, name="budget_rollup_export"),
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

# --- the outgoing head's term report and the khu phố's finances (issue 15) ---
urlpatterns += [
    path("<int:pk>/bao-cao-nhiem-ky/", term_report.term_report_page, name="term_report_page"),
    path("<int:pk>/bao-cao-nhiem-ky/nop/", term_report.term_report_file, name="term_report_file"),
    path(
        "<int:pk>/bao-cao-nhiem-ky/thu-chi/",
        term_report.finance_statement_file,
        name="finance_statement_file",
    ),
    path("<int:pk>/bao-cao-nhiem-ky/tep/", term_report.term_report_attachment, name="term_report_attachment"),
    path("<int:pk>/bao-cao-nhiem-ky/in/", term_report.term_report_document, name="term_report_document"),
    path(
        "<int:pk>/bao-cao-nhiem-ky/thu-chi/in/",
        term_report.finance_statement_document,
        name="finance_statement_document",
    ),
    path("<int:pk>/hop/trinh-bay/", term_report.agenda_hearing_record, name="agenda_hearing_record"),
    # --- the candidate's household, found by search (issue 16) ---
    path("chuc-danh/<int:pk>/tim-ho/", candidates.household_search, name="contest_household_search"),
    # --- the public page for residents (issue 16) ---
    path("cong-khai/", public.public_index, name="public_index"),
    # --- "my meeting" for residents (issue 18) ---
    path("cong-khai/phuong/<int:pk>/cuoc-hop-cua-toi/", public.public_my_meeting, name="public_my_meeting"),
    path(
        "cong-khai/khu-pho/<int:pk>/cuoc-hop/", public.public_khu_pho_meeting, name="public_khu_pho_meeting"
    ),
    # --- an invitation for every door (issue 18) ---
    path("<int:pk>/giay-moi/", invitations.invitation_list, name="invitation_list"),
    path("<int:pk>/giay-moi/in/", invitations.invitations_print, name="invitations_print"),
    path("<int:pk>/giay-moi/ho/<int:household_pk>/", invitations.invitation_tick, name="invitation_tick"),
]

# --- the signed paper comes back (issue 16) ---

urlpatterns += [
    path("<int:pk>/ban-co-chu-ky/", signed_copies.signed_copies_page, name="signed_copies"),
    path(
        "ban-co-chu-ky/van-ban/<int:pk>/tai-len/",
        signed_copies.signed_copy_upload,
        name="signed_copy_upload",
    ),
    path("ban-co-chu-ky/<int:pk>/", signed_copies.signed_copy_file, name="signed_copy_file"),
    path("ban-co-chu-ky/<int:pk>/nhan/", signed_copies.signed_copy_receive, name="signed_copy_receive"),
    path("ban-co-chu-ky/<int:pk>/khong-nhan/", signed_copies.signed_copy_refuse, name="signed_copy_refuse"),
]
