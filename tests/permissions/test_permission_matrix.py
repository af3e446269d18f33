"""Every URL of the application, requested as every role.

A page is listed once with the roles that may use it; every other role must get
404 (or 403) -- never the page, never a hint that the object exists -- and the
anonymous visitor is sent to the login page. Objects are those of Phường 22, so
the same rows double as the guessed-id (IDOR) attempts of Phường 25's official.
A test at the end fails when a URL of the project is missing from the matrix.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wardvote.once import FIELD as FORM_TOKEN
from wardvote.once import new_token

ROLES = [
    "anonymous",
    "admin",
    "hcm_noivu",
    "hcm_mttq",
    "binhthanh_noivu",
    "binhthanh_mttq",
    "p22_ubnd",
    "p22_mttq",
    "p22_kp1_tobaucu",
    "p25_ubnd",
]
EVERYONE = frozenset(ROLES) - {"anonymous"}
# Everyone who may read Phường 22 (its khu phố 1 for the election team).
P22_READERS = frozenset(
    {"admin", "hcm_noivu", "hcm_mttq", "binhthanh_noivu", "binhthanh_mttq", "p22_ubnd", "p22_mttq"}
)
P22_KP1_READERS = P22_READERS | {"p22_kp1_tobaucu"}
# Households' names and addresses: the ward's own roles and the khu phố's team only (Decree 13/2023).
P22_PERSONAL_DATA = frozenset({"admin", "p22_ubnd", "p22_mttq"})
P22_KP1_PERSONAL_DATA = P22_PERSONAL_DATA | {"p22_kp1_tobaucu"}
P22_REGISTER_WRITERS = frozenset({"admin", "p22_ubnd"})
P22_STAFF_MANAGERS = frozenset({"admin", "binhthanh_noivu", "p22_ubnd"})
P22_ELECTION_MANAGERS = frozenset({"admin", "p22_ubnd"})
P22_CONSULTATION = frozenset({"admin", "p22_ubnd", "p22_mttq"})
KP1_TEAM = frozenset({"admin", "p22_kp1_tobaucu"})
P22_FRONT = frozenset({"admin", "p22_mttq"})
CITY_READERS = frozenset({"admin", "hcm_noivu", "hcm_mttq"})
DISTRICT_READERS = CITY_READERS | {"binhthanh_noivu", "binhthanh_mttq"}
NOBODY = frozenset()


def household_form(world) -> dict:
    return {
        "neighborhood": world.map.kp1.pk,
        "code": "P22-KP01-9999",
        "head_name": "Nguyễn Văn Mới",
        "address": "1 Bạch Đằng",
        "member_count": 3,
        "representative_name": "",
        "status": "active",
    }


def merge_form(world) -> dict:
    return {
        "resolution_number": "11/NQ-HĐND",
        "resolution_date": "20/03/2024",
        "issuing_body": "HĐND",
        "effective_date": "01/04/2024",
        "sources": [world.map.kp2.pk, world.map.kp3.pk],
        "name": "Khu phố 2",
    }


@dataclass(frozen=True)
class Page:
    name: str
    allowed: frozenset[str]
    kwargs: Callable[[object], dict] = field(default=lambda world: {})
    method: str = "get"
    data: Callable[[object], dict] = field(default=lambda world: {})
    public: bool = False  # no login needed


# URL names served by libraries or used only as plumbing; covered elsewhere.
NOT_IN_MATRIX = {
    "login",
    "logout",
    "set_language",
    "healthz",  # tested in tests/wardvote
}
ADMIN_NAMESPACE = "admin"

PAGES: list[Page] = [
    Page("home", EVERYONE),
    Page("neighborhoods:division_detail", P22_READERS, lambda w: {"pk": w.map.p22.pk}),
    Page("neighborhoods:division_detail", P22_KP1_READERS, lambda w: {"pk": w.map.kp1.pk}),
    Page("reporting:document_download", P22_READERS, lambda w: {"pk": w.document.pk}),
    Page("reporting:document_status", P22_READERS, lambda w: {"pk": w.document.pk}),
    Page("reporting:document_retry", P22_READERS, lambda w: {"pk": w.document.pk}, "post"),
    # Issuing a ward paper, and the ward's register of who signs: the ward's office.
    Page("reporting:document_issue", P22_ELECTION_MANAGERS, lambda w: {"pk": w.ward_paper.pk}),
    Page(
        "reporting:document_issue",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.ward_paper.pk},
        "post",
        lambda w: {"signed_on": "08/10/2024", "signer": w.signer.pk},
    ),
    Page("reporting:office_holders", P22_ELECTION_MANAGERS, lambda w: {"pk": w.map.p22.pk}),
    Page("reporting:office_holder_retire", P22_ELECTION_MANAGERS, lambda w: {"pk": w.signer.pk}, "post"),
    # Anyone holding a paper checks it by its code.
    Page("verify_document", EVERYONE, lambda w: {"code": w.ward_paper.verification_code}, public=True),
    # The household register
    Page("neighborhoods:household_list", P22_READERS, lambda w: {"pk": w.map.p22.pk}),
    Page("neighborhoods:household_list", P22_KP1_READERS, lambda w: {"pk": w.map.kp1.pk}),
    # Staff above the ward see the list as counts per khu phố; the export holds names: theirs is 404.
    Page("neighborhoods:household_export", P22_PERSONAL_DATA, lambda w: {"pk": w.map.p22.pk}),
    Page("neighborhoods:household_export", P22_KP1_PERSONAL_DATA, lambda w: {"pk": w.map.kp1.pk}),
    Page("neighborhoods:household_create", P22_REGISTER_WRITERS, lambda w: {"pk": w.map.kp1.pk}),
    Page(
        "neighborhoods:household_create",
        P22_REGISTER_WRITERS,
        lambda w: {"pk": w.map.kp1.pk},
        "post",
        household_form,
    ),
    Page("neighborhoods:household_update", P22_REGISTER_WRITERS, lambda w: {"pk": w.households[0].pk}),
    Page(
        "neighborhoods:household_update",
        P22_REGISTER_WRITERS,
        lambda w: {"pk": w.households[0].pk},
        "post",
        lambda w: {**household_form(w), "code": w.households[0].code},
    ),
    Page("neighborhoods:household_delete", P22_REGISTER_WRITERS, lambda w: {"pk": w.households[1].pk}),
    Page(
        "neighborhoods:household_delete", P22_REGISTER_WRITERS, lambda w: {"pk": w.households[1].pk}, "post"
    ),
    Page("neighborhoods:household_import", P22_REGISTER_WRITERS, lambda w: {"pk": w.map.p22.pk}),
    Page("neighborhoods:household_import", P22_REGISTER_WRITERS, lambda w: {"pk": w.map.p22.pk}, "post"),
    Page("neighborhoods:household_import_template", P22_REGISTER_WRITERS, lambda w: {"pk": w.map.p22.pk}),
    # Someone else's upload token: nobody may open it.
    Page("neighborhoods:household_import_preview", NOBODY, lambda w: {"pk": w.map.p22.pk, "token": "0" * 32}),
    Page("neighborhoods:household_import_status", NOBODY, lambda w: {"pk": w.map.p22.pk, "token": "0" * 32}),
    # Khu phố and reorganisations
    Page("neighborhoods:neighborhood_create", P22_REGISTER_WRITERS, lambda w: {"pk": w.map.p22.pk}),
    Page(
        "neighborhoods:neighborhood_create",
        P22_REGISTER_WRITERS,
        lambda w: {"pk": w.map.p22.pk},
        "post",
        lambda w: {"name": "Khu phố 4", "type_word": "Khu phố"},
    ),
    Page("neighborhoods:neighborhood_rename", P22_REGISTER_WRITERS, lambda w: {"pk": w.map.kp1.pk}),
    Page("neighborhoods:neighborhood_lineage", P22_KP1_READERS, lambda w: {"pk": w.map.kp1.pk}),
    Page("neighborhoods:reorganisation_list", P22_READERS, lambda w: {"pk": w.map.p22.pk}),
    Page("neighborhoods:reorganisation_detail", P22_READERS, lambda w: {"pk": w.reorganisation.pk}),
    Page(
        "neighborhoods:reorganisation_create",
        P22_REGISTER_WRITERS,
        lambda w: {"pk": w.map.p22.pk, "kind": "merge"},
    ),
    Page(
        "neighborhoods:reorganisation_create",
        P22_REGISTER_WRITERS,
        lambda w: {"pk": w.map.p22.pk, "kind": "merge"},
        "post",
        merge_form,
    ),
    # Staff and the audit log
    Page("neighborhoods:staff_list", P22_STAFF_MANAGERS, lambda w: {"pk": w.map.p22.pk}),
    Page(
        "neighborhoods:assignment_deactivate",
        P22_STAFF_MANAGERS,
        lambda w: {"pk": w.personas.p22_kp1_tobaucu.assignments.get().pk},
        "post",
    ),
    Page(
        "neighborhoods:staff_password_reset",
        P22_STAFF_MANAGERS,
        lambda w: {"pk": w.map.p22.pk},
        "post",
        lambda w: {"reset-user": w.personas.p22_mttq.pk, "reset-password": "Tam-thoi-2024-kp"},
    ),
    Page("neighborhoods:audit_log", P22_READERS, lambda w: {"pk": w.map.p22.pk}),
    Page("neighborhoods:audit_log", P22_KP1_READERS, lambda w: {"pk": w.map.kp1.pk}),
    # One's own password
    Page("password_change", EVERYONE),
    # Plans and elections
    Page("elections:plan_list", EVERYONE),
    Page("elections:plan_create", frozenset({"admin", "hcm_noivu"}), lambda w: {"division_pk": w.map.hcm.pk}),
    Page(
        "elections:plan_create",
        frozenset({"admin", "binhthanh_noivu"}),
        lambda w: {"division_pk": w.map.binh_thanh.pk},
    ),
    Page("elections:plan_create", P22_ELECTION_MANAGERS, lambda w: {"division_pk": w.map.p22.pk}),
    Page("elections:plan_detail", CITY_READERS, lambda w: {"pk": w.plans["city"].pk}),
    Page("elections:plan_detail", DISTRICT_READERS, lambda w: {"pk": w.plans["district"].pk}),
    Page("elections:plan_detail", P22_READERS, lambda w: {"pk": w.plans["ward"].pk}),
    Page(
        "elections:plan_detail",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.plans["ward"].pk},
        "post",
        lambda w: {"elections": [w.election.pk], "meeting_date": "27/10/2024"},
    ),
    Page("elections:election_detail", P22_KP1_READERS, lambda w: {"pk": w.election.pk}),
    # A practice copy is made and started over by the ward's office only (the real plan refuses a reset).
    Page(
        "elections:plan_practice_create", P22_ELECTION_MANAGERS, lambda w: {"pk": w.plans["ward"].pk}, "post"
    ),
    Page(
        "elections:plan_practice_reset",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.plans["ward"].pk},
        "post",
        lambda w: {"confirm": "yes"},
    ),
    Page(
        "elections:election_practice_create", P22_ELECTION_MANAGERS, lambda w: {"pk": w.election.pk}, "post"
    ),
    Page(
        "elections:election_schedule",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.election.pk},
        "post",
        lambda w: {"meeting_date": "27/10/2024", "version": w.election.version},
    ),
    Page(
        "elections:election_milestone",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.election.pk},
        "post",
        lambda w: {"key": "plan", "done_on": "07/10/2024"},
    ),
    Page(
        "elections:election_transition",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.election.pk, "name": "start_preparation"},
        "post",
    ),
    Page(
        "elections:team_member_add",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.election.pk},
        "post",
        lambda w: {"full_name": "Lê Văn Tám", "role": "member", "represents": "household"},
    ),
    Page("elections:team_member_remove", P22_ELECTION_MANAGERS, lambda w: {"pk": w.team_member.pk}, "post"),
    Page(
        "elections:election_document",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.election.pk, "kind": "decision_to_hold"},
        "post",
    ),
    # The public page needs no login and shows only the approved lists.
    Page("elections:public_ward", EVERYONE, lambda w: {"pk": w.map.p22.pk}, public=True),
    # Meeting by residential cluster: the ward makes and approves the plan, the others read
    Page("elections:cluster_plan", P22_KP1_READERS, lambda w: {"pk": w.election.pk}),
    Page(
        "elections:cluster_plan", P22_ELECTION_MANAGERS, lambda w: {"pk": w.election.pk}, "post", lambda w: {}
    ),
    Page(
        "elections:cluster_add",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.cluster_plan.pk},
        "post",
        lambda w: {"new-name": "Cụm 2"},
    ),
    Page(
        "elections:cluster_assign",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.cluster_plan.pk},
        "post",
        lambda w: {"assign-cluster": w.cluster.pk, "assign-codes": w.households[0].code},
    ),
    Page(
        "elections:cluster_front_agreement",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.cluster_plan.pk},
        "post",
        lambda w: {"front-agreed_on": "14/10/2024", "front-agreed_with": "Lê Văn Mặt Trận"},
    ),
    Page(
        "elections:cluster_plan_approve",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.cluster_plan.pk},
        "post",
        lambda w: {"approve-approved_on": "15/10/2024"},
    ),
    Page(
        "elections:cluster_plan_withdraw", P22_ELECTION_MANAGERS, lambda w: {"pk": w.cluster_plan.pk}, "post"
    ),
    Page(
        "elections:cluster_update",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.cluster.pk},
        "post",
        lambda w: {f"c{w.cluster.pk}-name": "Cụm Một", f"c{w.cluster.pk}-correction_reason": "đổi tên"},
    ),
    Page("elections:cluster_remove", P22_ELECTION_MANAGERS, lambda w: {"pk": w.cluster.pk}, "post"),
    # Meeting day: the election team of Khu phố 1 runs it, the others read
    Page("elections:meeting_page", P22_KP1_READERS, lambda w: {"pk": w.election.pk}),
    Page("elections:meeting_page", KP1_TEAM, lambda w: {"pk": w.election.pk}, "post"),
    Page("elections:meeting_household_search", KP1_TEAM, lambda w: {"pk": w.meeting.pk}),
    Page(
        "elections:meeting_check_in",
        KP1_TEAM,
        lambda w: {"pk": w.meeting.pk},
        "post",
        lambda w: {"household": w.households[1].pk},
    ),
    Page(
        "elections:meeting_walk_in",
        KP1_TEAM,
        lambda w: {"pk": w.meeting.pk},
        "post",
        lambda w: {"code": "P22-KP01-9998", "head_name": "Võ Văn Mới"},
    ),
    Page(
        "elections:meeting_check_in_undo",
        KP1_TEAM,
        lambda w: {"pk": w.attendance.pk},
        "post",
        lambda w: {"reason": "nhầm"},
    ),
    Page("elections:meeting_quorum", P22_KP1_READERS, lambda w: {"pk": w.meeting.pk}),
    Page("elections:meeting_projector", P22_KP1_READERS, lambda w: {"pk": w.meeting.pk}),
    # Who has not come yet: names and addresses, for the khu phố's team and the ward's roles
    Page("elections:meeting_not_yet_come", P22_KP1_PERSONAL_DATA, lambda w: {"pk": w.meeting.pk}),
    Page(
        "elections:meeting_visit_mark",
        P22_KP1_PERSONAL_DATA,
        lambda w: {"pk": w.meeting.pk, "household": w.households[2].pk},
        "post",
    ),
    Page("elections:meeting_mobilisation_sheet", P22_KP1_PERSONAL_DATA, lambda w: {"pk": w.meeting.pk}),
    Page("elections:meeting_mobilisation_export", P22_KP1_PERSONAL_DATA, lambda w: {"pk": w.meeting.pk}),
    Page("elections:meeting_turnout_chart", P22_KP1_READERS, lambda w: {"pk": w.meeting.pk}),
    # The procedure, the count, household ballots, the papers
    Page("elections:meeting_procedure", KP1_TEAM, lambda w: {"pk": w.meeting.pk, "step": "list"}, "post"),
    Page(
        "elections:meeting_floor_nomination",
        KP1_TEAM,
        lambda w: {"pk": w.meeting.pk, "contest_pk": w.contest.pk},
        "post",
    ),
    Page(
        "elections:meeting_tally", P22_KP1_READERS, lambda w: {"pk": w.meeting.pk, "contest_pk": w.contest.pk}
    ),
    Page(
        "elections:meeting_tally",
        KP1_TEAM,
        lambda w: {"pk": w.meeting.pk, "contest_pk": w.contest.pk},
        "post",
        lambda w: {"issued": 1},
    ),
    Page(
        "elections:meeting_ballot_papers",
        KP1_TEAM,
        lambda w: {"pk": w.meeting.pk, "contest_pk": w.contest.pk},
        "post",
    ),
    Page(
        "elections:meeting_document",
        KP1_TEAM,
        lambda w: {"pk": w.meeting.pk, "kind": "counting_minutes"},
        "post",
    ),
    Page("elections:meeting_household_ballots", P22_KP1_READERS, lambda w: {"pk": w.ballot_round.pk}),
    Page(
        "elections:meeting_ballot_distribute",
        KP1_TEAM,
        lambda w: {"pk": w.ballot_round.pk},
        "post",
        lambda w: {"household": w.households[1].pk},
    ),
    Page("elections:meeting_ballot_return", KP1_TEAM, lambda w: {"pk": w.ballot.pk}, "post"),
    # The household-ballot steps, entered on the khu phố head's behalf by the team or the ward.
    Page(
        "elections:ballot_round_step",
        KP1_TEAM | P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.ballot_round.pk, "step": "notice"},
        "post",
        lambda w: {"notice-noticed_on": "30/10/2024", "notice-distribution_starts_on": "01/11/2024"},
    ),
    Page(
        "elections:ballot_round_paper",
        KP1_TEAM | P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.ballot_round.pk},
        "post",
    ),
    # After the count
    Page(
        "elections:election_decide",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.election.pk, "action": "rerun"},
        "post",
    ),
    Page("elections:result_correct", P22_ELECTION_MANAGERS, lambda w: {"pk": w.result.pk}),
    Page(
        "elections:result_correct",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.result.pk},
        "post",
        lambda w: {"reason": ""},
    ),
    Page("elections:decision_document", P22_ELECTION_MANAGERS, lambda w: {"pk": w.decision.pk}, "post"),
    Page("elections:decision_document", P22_FRONT, lambda w: {"pk": w.board_decision.pk}, "post"),
    Page("elections:inspection_board", P22_READERS, lambda w: {"pk": w.plans["ward"].pk}),
    Page("elections:board_member_recognise", P22_FRONT, lambda w: {"pk": w.election.pk}, "post"),
    Page(
        "elections:election_decide",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.election.pk, "action": "answer"},
        "post",
    ),
    Page(
        "elections:election_decide",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.election.pk, "action": "annul"},
        "post",
    ),
    Page(
        "elections:election_decide",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.election.pk, "action": "amend"},
        "post",
    ),
    # h1: a head's resignation or dismissal (NĐ 59 Art. 9): the ward and the ward Front record
    # the request and convene its meeting; the ward answers the meeting.
    Page("elections:head_release_page", P22_KP1_READERS, lambda w: {"pk": w.map.kp1.pk}),
    Page("elections:head_release_request", P22_CONSULTATION, lambda w: {"pk": w.map.kp1.pk}, "post"),
    Page("elections:head_release_convene", P22_CONSULTATION, lambda w: {"pk": w.release_request.pk}, "post"),
    Page(
        "elections:election_decide",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.election.pk, "action": "release_decide"},
        "post",
    ),
    # The inspection board's meeting and the notice of its composition (the ward Front's)
    Page("elections:board_page", P22_READERS, lambda w: {"pk": w.plans["ward"].pk}),
    Page("elections:board_meeting_convene", P22_FRONT, lambda w: {"pk": w.plans["ward"].pk}, "post"),
    Page(
        "elections:board_seats",
        P22_FRONT,
        lambda w: {"pk": w.plans["ward"].pk},
        "post",
        lambda w: {f"seats_{e.pk}": 1 for e in w.plans["ward"].elections.all()},
    ),
    Page(
        "elections:board_attendance",
        P22_FRONT,
        lambda w: {"pk": w.board_meeting.pk},
        "post",
        lambda w: {"present": [w.candidate.pk]},
    ),
    Page("elections:board_elect", P22_FRONT, lambda w: {"pk": w.board_meeting.pk}, "post"),
    Page("elections:board_minutes", P22_FRONT, lambda w: {"pk": w.board_meeting.pk}, "post"),
    Page(
        "elections:board_notice_issue",
        P22_FRONT,
        lambda w: {"pk": w.board_meeting.pk},
        "post",
        lambda w: {"issued_on": "26/11/2024"},
    ),
    Page("elections:board_notice_document", P22_FRONT, lambda w: {"pk": w.board_notice.pk}, "post"),
    # h3: the inspection board between elections (the ward Front's)
    Page("elections:board_term_page", P22_READERS, lambda w: {"pk": w.plans["ward"].pk}),
    Page(
        "elections:board_release_propose",
        P22_FRONT,
        lambda w: {"pk": w.board_tenure.pk},
        "post",
        lambda w: {"ground": "own_request", "reasons": "Xin thôi", "proposed_on": "04/05/2026"},
    ),
    Page(
        "elections:board_release_schedule",
        P22_FRONT,
        lambda w: {"pk": w.board_release.pk},
        "post",
        lambda w: {"meeting_date": "17/05/2026"},
    ),
    Page(
        "elections:board_release_decide",
        P22_FRONT,
        lambda w: {"pk": w.board_release.pk},
        "post",
        lambda w: {"decided_on": "20/05/2026"},
    ),
    Page("elections:board_release_document", P22_FRONT, lambda w: {"pk": w.board_release.pk}, "post"),
    Page(
        "elections:by_election_open",
        P22_FRONT,
        lambda w: {"pk": w.board_vacancy.pk},
        "post",
        lambda w: {"guided_on": "22/05/2026", "text": "Hướng dẫn", "meeting_date": "14/06/2026"},
    ),
    Page("elections:by_election_document", P22_FRONT, lambda w: {"pk": w.by_election_guidance.pk}, "post"),
    Page(
        "elections:board_notice_reissue",
        P22_FRONT,
        lambda w: {"pk": w.plans["ward"].pk},
        "post",
        lambda w: {"issued_on": "20/06/2026", "reason": "Bầu bổ sung"},
    ),
    Page(
        "elections:board_officer_meeting_convene",
        P22_FRONT,
        lambda w: {"pk": w.plans["ward"].pk},
        "post",
        lambda w: {"convened_on": "22/05/2026", "held_on": "25/05/2026", "place": "Hội trường", "chair": "A"},
    ),
    Page(
        "elections:board_officer_replace",
        P22_FRONT,
        lambda w: {"pk": w.board_meeting.pk},
        "post",
        lambda w: {"member": w.candidate.pk, "votes": 1},
    ),
    # Progress dashboards, reports and their JSON twin
    Page("reporting:dashboard_home", EVERYONE),
    Page("reporting:dashboard", P22_READERS, lambda w: {"pk": w.map.p22.pk}),
    Page("reporting:dashboard", P22_KP1_READERS, lambda w: {"pk": w.map.kp1.pk}),
    Page("reporting:statistics", P22_READERS, lambda w: {"pk": w.map.p22.pk}),
    Page(
        "reporting:export_create",
        P22_READERS,
        lambda w: {"pk": w.map.p22.pk},
        "post",
        lambda w: {"format": "xlsx"},
    ),
    Page("reporting:export_status", P22_READERS, lambda w: {"pk": w.export.pk}),
    Page("reporting:export_download", P22_READERS, lambda w: {"pk": w.export.pk}),
    Page("reporting:export_retry", P22_READERS, lambda w: {"pk": w.export.pk}, "post"),
    Page("api_progress", P22_READERS, lambda w: {"code": w.map.p22.code}),
    # The term at a glance: office holders' names are public-office data, read with the division.
    Page("reporting:term_history_export", P22_READERS, lambda w: {"pk": w.map.p22.pk}),
    Page("reporting:term_history_export", P22_KP1_READERS, lambda w: {"pk": w.map.kp1.pk}),
    # Candidates, the consultation, complaints
    Page("elections:contest_detail", P22_KP1_READERS, lambda w: {"pk": w.contest.pk}),
    # The Front working committee's list (NĐ 59/2023, Art. 6.2): the ward Front's staff enter it,
    # as the official may; the official comments on it.
    # The Front committee's conference that agreed the list (form 05): who prepares the list.
    Page(
        "elections:list_conference",
        P22_CONSULTATION,
        lambda w: {"pk": w.contest.pk},
        "post",
        lambda w: {
            "conference-held_at": "14/10/2024 08:30",
            "conference-place": "Nhà văn hóa khu phố 1",
            "conference-members_total": "9",
            "conference-members_present": "8",
            "conference-chair": "Lý Văn Trưởng",
            "conference-secretary": "Mai Thị Thư",
            "conference-party_cell_opinion": "Thống nhất",
            "conference-votes_for": "8",
        },
    ),
    Page(
        "elections:contest_detail",
        P22_CONSULTATION,
        lambda w: {"pk": w.contest.pk},
        "post",
        lambda w: {
            "full_name": "Lê Văn Tư",
            "gender": "male",
            "birth_date": "01/01/1970",
            "nomination_source": "self",
            "ethnicity": "Kinh",
            "resides_in_neighborhood": "on",
        },
    ),
    Page(
        "elections:contest_transition",
        P22_CONSULTATION,
        lambda w: {"pk": w.contest.pk, "name": "record_party_opinion"},
        "post",
    ),
    Page("elections:candidate_remove", P22_CONSULTATION, lambda w: {"pk": w.candidate.pk}, "post"),
    Page(
        "elections:contest_comment",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.contest.pk},
        "post",
        lambda w: {"text": "Đề nghị bổ sung lý lịch"},
    ),
    Page("elections:complaint_list", P22_KP1_READERS, lambda w: {"pk": w.election.pk}),
    Page(
        "elections:complaint_list",
        P22_CONSULTATION,
        lambda w: {"pk": w.election.pk},
        "post",
        lambda w: {"received_on": "16/10/2024", "complainant": "Lê Văn Cường", "content": "Nội dung"},
    ),
    Page(
        "elections:complaint_resolve",
        P22_CONSULTATION,
        lambda w: {"pk": w.complaint.pk},
        "post",
        lambda w: {"resolution": "Đã giải quyết", "resolved_on": "18/10/2024"},
    ),
    # While a khu phố has no head (issue 14): the vacancy's page, the ward's decisions on it, and
    # a reorganisation carried into the posts.
    Page("elections:vacancy_detail", P22_KP1_READERS, lambda w: {"pk": w.vacancy.pk}),
    Page(
        "elections:vacancy_decide",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.vacancy.pk, "action": "new_election"},
        "post",
        lambda w: {"new_election-decided_on": "12/11/2024"},
    ),
    Page("elections:reorganisation_term", P22_READERS, lambda w: {"pk": w.reorganisation.pk}),
    Page(
        "elections:reorganisation_apply", P22_ELECTION_MANAGERS, lambda w: {"pk": w.reorganisation.pk}, "post"
    ),
]

# The election budget (issue 15): the ward's office enters it; whoever reads the ward reads it;
# the district and the city read their roll-up.
PAGES += [
    Page("elections:budget_page", P22_READERS, lambda w: {"pk": w.plans["ward"].pk}),
    Page(
        "elections:budget_page",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.plans["ward"].pk},
        "post",
        lambda w: {
            "estimated_on": "10/10/2024",
            "total": "3.000.000",
            "item_1": "printing",
            "label_1": "",
            "estimate_1": "3.000.000",
        },
    ),
    Page(
        "elections:budget_settle",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.plans["ward"].pk},
        "post",
        lambda w: {
            "settled_on": "05/12/2024",
            "total": "1.000.000",
            f"spent_{w.budget.lines.get().pk}": "1.000.000",
        },
    ),
    Page(
        "elections:budget_correct",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.plans["ward"].pk},
        "post",
        lambda w: {"reason": "Ghi nhầm", "on": "10/12/2024"},
    ),
    Page("elections:budget_export", P22_READERS, lambda w: {"pk": w.plans["ward"].pk}),
    Page("elections:budget_document", P22_ELECTION_MANAGERS, lambda w: {"pk": w.plans["ward"].pk}, "post"),
    Page("elections:budget_rollup", DISTRICT_READERS, lambda w: {"pk": w.map.binh_thanh.pk}),
    Page("elections:budget_rollup", CITY_READERS, lambda w: {"pk": w.map.hcm.pk}),
    Page("elections:budget_rollup_export", DISTRICT_READERS, lambda w: {"pk": w.map.binh_thanh.pk}),
    # h7: commendations after the campaign: the ward's office drafts, proposes and decides; every
    # reader of the ward reads them; a division's roll-up for whoever reads the division.
    Page("elections:commendation_list", P22_READERS, lambda w: {"pk": w.plans["ward"].pk}),
    Page(
        "elections:commendation_create",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.plans["ward"].pk},
        "post",
        lambda w: {"form": "ward_certificate"},
    ),
    Page("elections:commendation_detail", P22_READERS, lambda w: {"pk": w.commendation.pk}),
    Page(
        "elections:commendee_add",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.commendation.pk},
        "post",
        lambda w: {"kind": "collective", "name": "Khu phố 2", "achievement": "Hoàn thành sớm"},
    ),
    Page("elections:commendee_remove", P22_ELECTION_MANAGERS, lambda w: {"pk": w.commendee.pk}, "post"),
    Page(
        "elections:commendation_propose",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.commendation.pk},
        "post",
        lambda w: {"proposed_on": "20/11/2024"},
    ),
    Page(
        "elections:commendation_decide",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.proposed_commendation.pk},
        "post",
        lambda w: {"decided_on": "25/11/2024"},
    ),
    Page(
        "elections:commendation_document",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.proposed_commendation.pk},
        "post",
    ),
    Page(
        "elections:commendation_correct",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.proposed_commendation.pk},
        "post",
        lambda w: {"reason": "Sai chức vụ"},
    ),
    Page("reporting:commendation_rollup", P22_READERS, lambda w: {"pk": w.map.p22.pk}),
    Page("reporting:commendation_rollup", DISTRICT_READERS, lambda w: {"pk": w.map.binh_thanh.pk}),
    Page("reporting:commendation_export", P22_READERS, lambda w: {"pk": w.map.p22.pk}),
    Page("reporting:commendation_export", DISTRICT_READERS, lambda w: {"pk": w.map.binh_thanh.pk}),
]

# --- periodic grassroots-democracy reports (issue 15) ---
# The ward's office prepares, writes and sends its report; whoever reads the ward reads it; the
# district's home-affairs office receives it and makes the district's own report.
DISTRICT_OFFICE = frozenset({"admin", "binhthanh_noivu"})
PAGES += [
    Page("reporting:periodic_reports", P22_READERS, lambda w: {"pk": w.map.p22.pk}),
    Page("reporting:periodic_reports", DISTRICT_READERS, lambda w: {"pk": w.map.binh_thanh.pk}),
    Page(
        "reporting:periodic_report_prepare",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.map.p22.pk},
        "post",
        lambda w: {"year": "2024", "period": "q3"},
    ),
    Page(
        "reporting:periodic_report_prepare",
        DISTRICT_OFFICE,
        lambda w: {"pk": w.map.binh_thanh.pk},
        "post",
        lambda w: {"year": "2024", "period": "q3"},
    ),
    Page("reporting:periodic_report_detail", P22_READERS, lambda w: {"pk": w.periodic_draft.pk}),
    Page(
        "reporting:periodic_report_detail",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.periodic_draft.pk},
        "post",
        lambda w: {"results": "Đã sửa", "shortcomings": "", "directions": ""},
    ),
    Page(
        "reporting:periodic_report_send",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.periodic_draft.pk},
        "post",
        lambda w: {"sent_on": "05/04/2024"},
    ),
    Page(
        "reporting:periodic_report_receive",
        DISTRICT_OFFICE,
        lambda w: {"pk": w.periodic_sent.pk},
        "post",
        lambda w: {"received_on": "08/07/2024"},
    ),
    Page(
        "reporting:periodic_report_correct",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.periodic_sent.pk},
        "post",
        lambda w: {"reason": "Thiếu số liệu"},
    ),
    Page("reporting:periodic_report_export", P22_READERS, lambda w: {"pk": w.periodic_draft.pk}),
    Page(
        "reporting:periodic_report_document",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.periodic_draft.pk},
        "post",
    ),
]


# --- the outgoing head's term report and the khu phố's finances (issue 15) ---
# The ward's office files them for the head; whoever reads the khu phố reads them; the khu phố's
# election team records at its meeting that they were heard.
def _finance_post(world) -> dict:
    return {
        "finance-head_name": "Nguyễn Văn An",
        "finance-period_from": "01/10/2022",
        "finance-period_to": "30/09/2024",
        "finance-opening_balance": "0",
        "finance-income_total": "2.000.000",
        "finance-spending_total": "0",
        "finance-closing_balance": "2.000.000",
        "finance-filed_on": "20/10/2024",
        "finance-kind_1": "income",
        "finance-label_1": "Đóng góp",
        "finance-amount_1": "2.000.000",
    }


PAGES += [
    Page("elections:term_report_page", P22_KP1_READERS, lambda w: {"pk": w.election.pk}),
    Page(
        "elections:term_report_file",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.election.pk},
        "post",
        lambda w: {
            "report-head_name": "Nguyễn Văn An",
            "report-text": "Sửa",
            "report-filed_on": "21/10/2024",
        },
    ),
    Page(
        "elections:finance_statement_file",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.election.pk},
        "post",
        _finance_post,
    ),
    Page("elections:term_report_attachment", P22_KP1_READERS, lambda w: {"pk": w.election.pk}),
    Page("elections:term_report_document", P22_ELECTION_MANAGERS, lambda w: {"pk": w.election.pk}, "post"),
    Page(
        "elections:finance_statement_document", P22_ELECTION_MANAGERS, lambda w: {"pk": w.election.pk}, "post"
    ),
    Page(
        "elections:agenda_hearing_record",
        KP1_TEAM,
        lambda w: {"pk": w.election.pk},
        "post",
        lambda w: {"item": "term_report", "objections": ""},
    ),
]


def _all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == ADMIN_NAMESPACE:
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return names


def test_every_url_of_the_project_is_in_the_matrix():
    covered = {page.name for page in PAGES} | NOT_IN_MATRIX
    missing = sorted(_all_url_names() - covered)
    assert missing == [], f"URLs without a row in the permission matrix: {missing}"


# --- the signed paper comes back (issue 16) ---
# The khu phố's election team uploads its sitting's papers and the ward's office every paper; only
# the ward official checks an upload; whoever reads the khu phố sees the list and the files.
KP1_SIGNED_COPY_UPLOADERS = P22_ELECTION_MANAGERS | KP1_TEAM


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, "PNG")
    return out.getvalue()


def _signed_copy_upload(world) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("mau-03.png", _png(), content_type="image/png")}


def _signed_copy_world(personas, hcm_map, meeting):
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from elections.services.signed_copies import signed_copy_upload
    from reporting.models import StoredDocument

    paper = StoredDocument.objects.create(
        kind="community_decision",
        title="Biên bản cuộc họp (mẫu 03) – Khu phố 1",
        template_name="documents/elections/community_decision.html",
        source_type=ContentType.objects.get_for_model(meeting),
        source_id=str(meeting.pk),
        division=hcm_map.kp1,
        source_fingerprint="0" * 64,
        status="ready",
        state="issued",
        verification_code="SIGNED03KP1",
        signed_on=datetime.date(2024, 10, 27),
        issued_at=timezone.now(),
    )
    copy = signed_copy_upload(
        by=personas.p22_kp1_tobaucu,
        document=paper,
        upload=SimpleUploadedFile("mau-03.png", _png(), content_type="image/png"),
    )
    return paper, copy


def _signed_copy_state() -> tuple:
    from elections.models import SignedCopy, SignedCopyReview

    return (
        sorted(SignedCopy.objects.values_list("pk", "version", "sha256")),
        sorted(SignedCopyReview.objects.values_list("pk", "verdict")),
    )


PAGES += [
    Page("elections:signed_copies", P22_KP1_READERS, lambda w: {"pk": w.election.pk}),
    Page(
        "elections:signed_copy_upload",
        KP1_SIGNED_COPY_UPLOADERS,
        lambda w: {"pk": w.signed_paper.pk},
        "post",
        _signed_copy_upload,
    ),
    Page("elections:signed_copy_file", P22_KP1_READERS, lambda w: {"pk": w.signed_copy.pk}),
    Page("elections:signed_copy_receive", P22_ELECTION_MANAGERS, lambda w: {"pk": w.signed_copy.pk}, "post"),
    Page(
        "elections:signed_copy_refuse",
        P22_ELECTION_MANAGERS,
        lambda w: {"pk": w.signed_copy.pk},
        "post",
        lambda w: {"reason": "Ảnh mờ, không đọc được chữ ký"},
    ),
]


@pytest.fixture
def world(personas, hcm_map, households, plans, django_capture_on_commit_callbacks):
    """Phường 22's records of every kind, which the other roles will try to reach."""
    from types import SimpleNamespace

    from django.core.files.base import ContentFile

    from elections.documents import DECISION_TO_HOLD
    from elections.models import (
        Attendance,
        BoardMeeting,
        BoardNotice,
        Cluster,
        ClusterPlan,
        ContestResult,
        Decision,
        HeadReleaseRequest,
        HouseholdBallot,
        Meeting,
        Tenure,
        Vacancy,
    )
    from elections.services.candidates import candidate_add
    from elections.services.complaints import complaint_file
    from elections.services.team import team_member_add
    from neighborhoods.services.reorganisations import reorganisation_establish
    from reporting.documents import register
    from reporting.issuing import OfficeBody, Position
    from reporting.models import OfficeHolder, ReportExport
    from reporting.services import document_request
    from tests.reporting.conftest import SPECIMEN

    register(SPECIMEN)
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind="specimen", source=hcm_map.p22)
    reorganisation = reorganisation_establish(
        ward=hcm_map.p22,
        name="Khu phố 5",
        resolution_number="11/NQ-HĐND",
        resolution_date=datetime.date(2024, 3, 20),
        effective_date=datetime.date(2024, 4, 1),
    )
    election = plans["ward"].elections.get(neighborhood=hcm_map.kp1)
    team_member = team_member_add(
        election=election, full_name="Trần Văn Bình", role="head", represents="front_committee"
    )
    contest = election.contests.get(kind="head")
    candidate = candidate_add(
        contest=contest,
        full_name="Nguyễn Văn An",
        gender="male",
        birth_date=datetime.date(1968, 5, 1),
        nomination_source="front_committee",
    )
    # A plan to meet by cluster, made directly: the matrix tests access, not the rules.
    cluster_plan = ClusterPlan.objects.create(election=election, scattered=True)
    cluster = Cluster.objects.create(plan=cluster_plan, name="Cụm 1")
    # A sitting opened directly: the matrix tests access, not the stage guard.
    meeting = Meeting.objects.create(election=election, household_total=3)
    attendance = Attendance.objects.create(meeting=meeting, household=households[0], representative_name="X")
    complaint = complaint_file(
        election=election, received_on=datetime.date(2024, 10, 16), complainant="Lê Văn Cường", content="x"
    )
    result = ContestResult.objects.create(
        meeting=meeting,
        contest=contest,
        method="secret_ballot",
        household_total=3,
        present=1,
        issued=1,
        returned=1,
        valid=1,
        invalid=0,
        counts={str(candidate.pk): 1},
        reason="1/3 hộ",
        threshold=2,
    )
    ballot_round = Meeting.objects.create(
        election=election,
        number=2,
        household_total=3,
        mode="household_ballots",
        voting_method="secret_ballot",
    )
    ballot = HouseholdBallot.objects.create(meeting=ballot_round, household=households[0], received_by="X")
    decision = Decision.objects.create(
        plan=plans["ward"],
        election=election,
        kind="rerun",
        decided_on=datetime.date(2024, 10, 28),
        details={"meeting_date": "10/11/2024", "previous_date": "27/10/2024", "outcomes": []},
    )
    board_decision = Decision.objects.create(
        plan=plans["ward"],
        election=election,
        kind="recognise_board_member",
        decided_on=datetime.date(2024, 11, 20),
        received_on=datetime.date(2024, 11, 18),
        details={
            "candidate": candidate.pk,
            "full_name": "Nguyễn Văn An",
            "neighborhood": "Khu phố 1",
            "birth_year": 1968,
            "approvals": 2,
            "household_total": 3,
            "held_on": "27/10/2024",
        },
    )
    member = {"candidate": candidate.pk, "full_name": "Nguyễn Văn An", "neighborhood": "Khu phố 1"}
    board_meeting = BoardMeeting.objects.create(
        plan=plans["ward"],
        deputies=0,
        convened_on=datetime.date(2024, 11, 21),
        held_on=datetime.date(2024, 11, 25),
        place="Hội trường",
        chair="Nguyễn Văn Chủ",
        members=[member],
    )
    elected_board = BoardMeeting.objects.create(
        plan=plans["ward"],
        number=2,
        deputies=0,
        convened_on=datetime.date(2024, 11, 21),
        held_on=datetime.date(2024, 11, 22),
        place="Hội trường",
        chair="Nguyễn Văn Chủ",
        members=[member],
        present=[candidate.pk],
        officers={"head": {**member, "votes": 1}, "deputies": []},
        elected_at=datetime.datetime(2024, 11, 22, 9, 0, tzinfo=datetime.UTC),
        closed_at=datetime.datetime(2024, 11, 22, 9, 0, tzinfo=datetime.UTC),
    )
    board_notice = BoardNotice.objects.create(
        plan=plans["ward"],
        meeting=elected_board,
        issued_on=datetime.date(2024, 11, 23),
        details={
            "held_on": "22/11/2024",
            "members": [{**member, "post": "Trưởng ban"}],
            "head": {**member, "votes": 1},
            "deputies": [],
        },
    )
    # A serving board member (not the world's candidate, whom the list may still remove), the
    # Front's proposal about them, a board vacancy and its by-election.
    from elections.models import BoardRelease, ByElectionGuidance, Election

    board_tenure = Tenure.objects.create(
        neighborhood=hcm_map.kp1,
        ward=hcm_map.p22,
        post="board_member",
        kind="elected",
        full_name="Nguyễn Văn An",
        started_on=datetime.date(2024, 11, 20),
        term_ends_on=datetime.date(2029, 10, 31),
    )
    board_release = BoardRelease.objects.create(
        tenure=board_tenure,
        neighborhood=hcm_map.kp1,
        ward=hcm_map.p22,
        ground="own_request",
        reasons="Xin thôi",
        proposed_on=datetime.date(2026, 5, 4),
        election=Election.objects.create(
            plan=plans["ward"], neighborhood=hcm_map.kp1, ward=hcm_map.p22, purpose="board_release"
        ),
    )
    board_vacancy = Vacancy.objects.create(
        neighborhood=hcm_map.kp2,
        ward=hcm_map.p22,
        post="board_member",
        vacant_from=datetime.date(2026, 5, 20),
        reason="Xin thôi",
        by_election_required=True,
    )
    by_election = Election.objects.create(
        plan=plans["ward"], neighborhood=hcm_map.kp3, ward=hcm_map.p22, purpose="by_election"
    )
    by_election_guidance = ByElectionGuidance.objects.create(
        vacancy=Vacancy.objects.create(
            neighborhood=hcm_map.kp3,
            ward=hcm_map.p22,
            post="board_member",
            vacant_from=datetime.date(2026, 5, 20),
            reason="Xin thôi",
            by_election_required=True,
            new_election=by_election,
        ),
        election=by_election,
        guided_on=datetime.date(2026, 5, 22),
        text="Hướng dẫn",
    )
    export = ReportExport.objects.create(division=hcm_map.p22, format="xlsx", status="ready", sha256="0" * 64)
    with django_capture_on_commit_callbacks(execute=True):
        ward_paper = document_request(kind=DECISION_TO_HOLD, source=election)
    signer = OfficeHolder.objects.create(
        division=hcm_map.p22,
        body=OfficeBody.PEOPLES_COMMITTEE,
        position=Position.CHAIRMAN,
        full_name="Phạm Minh Đức",
    )
    export.file.save("bao-cao.xlsx", ContentFile(b"PK"))
    # Khu phố 1's head left (made directly: the matrix tests access, not the rules).
    vacancy = Vacancy.objects.create(
        neighborhood=hcm_map.kp1,
        ward=hcm_map.p22,
        post="head",
        vacant_from=datetime.date(2024, 11, 10),
        reason="Xin thôi",
        due_on=datetime.date(2025, 1, 9),
    )
    # A serving head (not the world's candidate) and a request to let them go, made directly: the
    # matrix tests access.
    head_tenure = Tenure.objects.create(
        neighborhood=hcm_map.kp1,
        ward=hcm_map.p22,
        post="head",
        kind="elected",
        full_name="Nguyễn Văn An",
        election=election,
        started_on=datetime.date(2024, 11, 4),
        term_ends_on=datetime.date(2029, 10, 31),
    )
    release_request = HeadReleaseRequest.objects.create(
        neighborhood=hcm_map.kp1,
        ward=hcm_map.p22,
        tenure=head_tenure,
        way_in="own_request",
        received_on=datetime.date(2025, 3, 3),
        proposed_by="Nguyễn Văn An",
        reasons="Sức khỏe",
    )
    from elections.services.budget import EstimateLine, budget_estimate

    budget = budget_estimate(
        by=personas.p22_ubnd,
        plan=plans["ward"],
        lines=[EstimateLine("printing", "", 1_000_000)],
        estimated_on=datetime.date(2024, 10, 10),
    )
    # A draft commendation list with one line, and a proposed one.
    from elections.services import commendations as commendation_services

    commendation = commendation_services.commendation_create(
        by=personas.p22_ubnd, plan=plans["ward"], form="ward_certificate"
    )
    commendee = commendation_services.commendee_add(
        by=personas.p22_ubnd,
        commendation=commendation,
        kind="collective",
        name="Tổ bầu cử Khu phố 1",
        achievement="Tổ chức bầu cử đúng luật",
    )
    proposed_commendation = commendation_services.commendation_create(
        by=personas.p22_ubnd, plan=plans["ward"], form="ward_certificate"
    )
    commendation_services.commendee_add(
        by=personas.p22_ubnd,
        commendation=proposed_commendation,
        kind="collective",
        name="Khu phố 1",
        achievement="Hoàn thành sớm",
    )
    commendation_services.commendation_propose(
        by=personas.p22_ubnd, commendation=proposed_commendation, proposed_on=datetime.date(2024, 11, 20)
    )
    # issue 15 h1: Khu phố 1's outgoing head's term report (with its attachment) and finances.
    from django.core.files.uploadedfile import SimpleUploadedFile

    from elections.rules import FinanceFigure
    from elections.services import term_report as term_report_services

    term_report_services.term_report_file(
        by=personas.p22_ubnd,
        election=election,
        head_name="Nguyễn Văn An",
        text="Báo cáo",
        filed_on=datetime.date(2024, 10, 20),
        attachment=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4"),
    )
    term_report_services.finance_statement_file(
        by=personas.p22_ubnd,
        election=election,
        head_name="Nguyễn Văn An",
        period_from=datetime.date(2022, 10, 1),
        period_to=datetime.date(2024, 9, 30),
        opening_balance=0,
        lines=[FinanceFigure(1, "income", "Đóng góp", 1_000_000)],
        income_total=1_000_000,
        spending_total=0,
        closing_balance=1_000_000,
        filed_on=datetime.date(2024, 10, 20),
    )
    # --- periodic reports (issue 15): a draft of the first quarter, the second quarter's sent ---
    from reporting import periodic_services

    periodic_draft = periodic_services.periodic_report_prepare(
        by=personas.p22_ubnd, division=hcm_map.p22, year=2024, period="q1"
    )
    periodic_draft = periodic_services.periodic_report_write(
        by=personas.p22_ubnd, report=periodic_draft, results="Kết quả", shortcomings="", directions=""
    )
    periodic_sent = periodic_services.periodic_report_prepare(
        by=personas.p22_ubnd, division=hcm_map.p22, year=2024, period="q2"
    )
    periodic_sent = periodic_services.periodic_report_write(
        by=personas.p22_ubnd, report=periodic_sent, results="Kết quả", shortcomings="", directions=""
    )
    periodic_sent = periodic_services.periodic_report_send(
        by=personas.p22_ubnd, report=periodic_sent, sent_on=datetime.date(2024, 7, 5)
    )
    # --- issue 16 item 10: the sitting's form 03, issued (made directly: the matrix tests access),
    # and a photo of it as signed, waiting for the ward's check.
    signed_paper, signed_copy = _signed_copy_world(personas, hcm_map, meeting)
    return SimpleNamespace(
        signed_paper=signed_paper,
        signed_copy=signed_copy,
        periodic_draft=periodic_draft,
        periodic_sent=periodic_sent,
        vacancy=vacancy,
        release_request=release_request,
        budget=budget,
        commendation=commendation,
        commendee=commendee,
        proposed_commendation=proposed_commendation,
        cluster_plan=cluster_plan,
        cluster=cluster,
        export=export,
        result=result,
        ballot_round=ballot_round,
        ballot=ballot,
        decision=decision,
        board_decision=board_decision,
        board_meeting=board_meeting,
        board_notice=board_notice,
        board_tenure=board_tenure,
        board_release=board_release,
        board_vacancy=board_vacancy,
        by_election_guidance=by_election_guidance,
        personas=personas,
        map=hcm_map,
        households=households,
        document=document,
        ward_paper=ward_paper,
        signer=signer,
        reorganisation=reorganisation,
        plans=plans,
        election=election,
        team_member=team_member,
        contest=contest,
        candidate=candidate,
        complaint=complaint,
        meeting=meeting,
        attendance=attendance,
    )


def _state() -> tuple:
    """What a refused request must leave untouched."""
    from elections.models import (
        Attendance,
        BoardMeeting,
        BoardNotice,
        BoardRelease,
        ByElectionGuidance,
        Candidate,
        Cluster,
        ClusterHousehold,
        ClusterPlan,
        Commendation,
        Commendee,
        Complaint,
        Contest,
        ContestResult,
        Decision,
        Election,
        HeadReleaseRequest,
        HouseholdBallot,
        ListComment,
        ListConference,
        ListVersion,
        Meeting,
        Plan,
        RecordCorrection,
        ReorganisationTerm,
        TallyEntry,
        TeamMember,
        Tenure,
        Vacancy,
    )
    from neighborhoods.models import Account, Division, Household, Reorganisation, StaffAssignment
    from reporting.models import OfficeHolder, ReportExport, StoredDocument

    return (
        ReportExport.objects.count(),
        sorted(ClusterPlan.objects.values_list("pk", "approved_on", "front_agreed_on")),
        sorted(Cluster.objects.values_list("pk", "name")),
        sorted(ClusterHousehold.objects.values_list("household_id", "cluster_id")),
        sorted(Election.objects.values_list("pk", "stage", "meeting_date", "plan_decided_on", "version")),
        Plan.objects.count(),
        sorted(TeamMember.objects.values_list("pk", "full_name")),
        sorted(Candidate.objects.values_list("pk", "full_name")),
        sorted(Contest.objects.values_list("pk", "list_status")),
        ListVersion.objects.count(),
        ListComment.objects.count(),
        RecordCorrection.objects.count(),
        StoredDocument.objects.count(),
        sorted(OfficeHolder.objects.values_list("pk", "active")),
        sorted(ListConference.objects.values_list("pk", "chair")),
        sorted(Complaint.objects.values_list("pk", "status")),
        sorted(Attendance.objects.values_list("pk", "undone_at")),
        sorted(Meeting.objects.values_list("pk", "household_total", "list_presented_at", "closed_at")),
        ContestResult.objects.count(),
        Decision.objects.count(),
        TallyEntry.objects.count(),
        sorted(HouseholdBallot.objects.values_list("pk", "returned_at")),
        sorted(Household.objects.values_list("pk", "code", "head_name", "neighborhood_id", "status")),
        sorted(Division.objects.values_list("pk", "name", "valid_until")),
        Reorganisation.objects.count(),
        sorted(StaffAssignment.objects.values_list("pk", "active")),
        sorted(Account.objects.values_list("pk", "must_set_password", "password_reset_by")),
        sorted(
            (pk, str(present), closed_at, str(officers))
            for pk, present, closed_at, officers in BoardMeeting.objects.values_list(
                "pk", "present", "closed_at", "officers"
            )
        ),
        BoardNotice.objects.count(),
        sorted(Vacancy.objects.values_list("pk", "new_election_id", "filled_on")),
        sorted(Tenure.objects.values_list("pk", "ended_on")),
        ReorganisationTerm.objects.count(),
        sorted(BoardRelease.objects.values_list("pk", "decision_id", "election_id")),
        ByElectionGuidance.objects.count(),
        sorted(HeadReleaseRequest.objects.values_list("pk", "status", "election_id")),
        sorted(Commendation.objects.values_list("pk", "status", "proposed_on", "decided_on")),
        sorted(Commendee.objects.values_list("pk", "name")),
        *_budget_state(),
        *_term_report_state(),
        *_periodic_state(),
        *_signed_copy_state(),
    )


def _budget_state() -> tuple:
    from elections.models import Budget, BudgetLine

    return (
        sorted(Budget.objects.values_list("pk", "version", "status", "estimate_total", "spent_total")),
        sorted(BudgetLine.objects.values_list("pk", "estimate", "spent")),
    )


# --- issue 16 public page for residents: the list of wards with a plan, without a login ---
PAGES += [Page("elections:public_index", EVERYONE, public=True)]

# --- the candidate's household, found by search (issue 16) ---
# The candidate form's household search: who enters the list, and reads the khu phố's households.
PAGES += [
    Page(
        "elections:contest_household_search",
        P22_CONSULTATION & P22_PERSONAL_DATA,
        lambda w: {"pk": w.contest.pk},
    ),
]


# --- issue 18: "my meeting" for residents, and an invitation for every door ---
# The resident's lookup needs no login; the invitations list names each household's head and
# address: the ward's own roles and the khu phố's team only.
PAGES += [
    Page("elections:public_my_meeting", EVERYONE, lambda w: {"pk": w.map.p22.pk}, public=True),
    Page("elections:public_khu_pho_meeting", EVERYONE, lambda w: {"pk": w.map.kp1.pk}, public=True),
    Page("elections:invitation_list", P22_KP1_PERSONAL_DATA, lambda w: {"pk": w.election.pk}),
    Page(
        "elections:invitation_tick",
        P22_KP1_PERSONAL_DATA,
        lambda w: {"pk": w.election.pk, "household_pk": w.households[2].pk},
        "post",
        lambda w: {"delivered": "1"},
    ),
    Page("elections:invitations_print", P22_KP1_PERSONAL_DATA, lambda w: {"pk": w.election.pk}, "post"),
]


def _request(client, page: Page, world):
    url = reverse(page.name, kwargs=page.kwargs(world))
    if page.method == "post":
        # As the page's form posts it: create forms carry their one-time token.
        return client.post(url, {**page.data(world), FORM_TOKEN: new_token()})
    return client.get(url)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=[f"{i:02d}-{p.method}-{p.name}" for i, p in enumerate(PAGES)])
def test_permission_matrix(client, world, page: Page, role: str):
    if role != "anonymous":
        client.force_login(getattr(world.personas, role), backend="django.contrib.auth.backends.ModelBackend")
    before = _state()
    response = _request(client, page, world)

    if role in page.allowed or page.public:
        expected = {200} if page.method == "get" else {200, 302}
        assert response.status_code in expected, f"{role} should be able to use {page.name}"
    elif role == "anonymous":
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
    else:
        assert response.status_code in {403, 404}, f"{role} must not reach {page.name}"
        assert _state() == before, f"{role} changed data through {page.name}"
        body = response.content.decode()
        for household in world.households[:3]:
            assert household.head_name not in body


# --- what a refused request must leave of the term report and the finances (issue 15) ---
def _term_report_state() -> tuple:
    from elections.models import AgendaHearing, FinanceLine, FinanceStatement, TermReport

    return (
        sorted(TermReport.objects.values_list("pk", "text", "filed_on")),
        sorted(FinanceStatement.objects.values_list("pk", "version", "closing_balance")),
        sorted(FinanceLine.objects.values_list("pk", "amount")),
        AgendaHearing.objects.count(),
    )


# --- periodic grassroots-democracy reports (issue 15) ---
def _periodic_state() -> tuple:
    from reporting.models import PeriodicReport

    return (
        sorted(
            PeriodicReport.objects.values_list("pk", "status", "results", "sent_on", "received_on", "version")
        ),
    )
