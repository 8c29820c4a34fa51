//! Pure domain types, validated once when made, stored as text with CHECK constraints.

use serde::Serialize;

pub mod valuation;

/// Generates an enum stored as text: `as_str` for the database, `parse` for reading it back.
macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($var:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($var),+ }
        impl $name {
            pub fn as_str(self) -> &'static str { match self { $(Self::$var => $s),+ } }
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some(Self::$var),)+ _ => None } }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

text_enum!(
    /// Whether a listing gives something or asks for something.
    ListingKind { Offer => "offer", Request => "request" }
);
text_enum!(
    /// What a listing is about.
    Resource { Item => "item", Service => "service", Skill => "skill" }
);
text_enum!(
    /// Where a listing is in its life.
    ListingStatus { Open => "open", Reserved => "reserved", Accepted => "accepted", Lent => "lent", Done => "done", Withdrawn => "withdrawn", Expired => "expired" }
);

impl ListingStatus {
    /// Given, taken back or lapsed: nothing more happens to it.
    pub fn is_ended(self) -> bool {
        matches!(
            self,
            ListingStatus::Done | ListingStatus::Withdrawn | ListingStatus::Expired
        )
    }
}

text_enum!(
    /// Where a claim is in its life.
    ClaimStatus { Pending => "pending", Accepted => "accepted", Declined => "declined", Confirmed => "confirmed", Cancelled => "cancelled" }
);
text_enum!(
    /// The ledger accounts of a community.
    AccountKind { Member => "member", Issuance => "issuance", Escrow => "escrow", Pool => "pool" }
);
text_enum!(
    /// Why points moved.
    TransferKind { Starter => "starter", Hold => "hold", Release => "release", Refund => "refund", Grant => "grant", Adjust => "adjust", Reverse => "reverse", Subsidy => "subsidy", Donation => "donation", Expire => "expire" }
);
text_enum!(
    /// A member's role in a community.
    Role { Worker => "worker", Admin => "admin" }
);
text_enum!(
    /// What a button does; looked up on the server from the button's opaque token.
    Action {
        Claim => "claim", Accept => "accept", Decline => "decline", Confirm => "confirm", SetLang => "set_lang",
        Renew => "renew", Withdraw => "withdraw", Returned => "returned", Extend => "extend", ExtendOk => "extend_ok",
        ExtendNo => "extend_no", Snooze => "snooze", Stop => "stop", Rate => "rate",
        DisputePay => "dispute_pay", DisputeRefund => "dispute_refund", DisputeDismiss => "dispute_dismiss",
        DisputeAsk => "dispute_ask", Report => "report", ReportWhy => "report_why", ReportHide => "report_hide",
        ReportDismiss => "report_dismiss", ReportWarn => "report_warn", Approve => "approve", Reject => "reject",
        Verify => "verify", Dialog => "dialog", Menu => "menu", Handed => "handed",
        TicketTake => "ticket_take", TicketDone => "ticket_done", Setup => "setup",
        EventJoin => "event_join", EventLeave => "event_leave", EventBring => "event_bring",
        EventCheckin => "event_checkin", EventStars => "event_stars", EventWait => "event_wait",
        EventLeaveOk => "event_leave_ok", EventComing => "event_coming", EventShow => "event_show",
        FindPick => "find_pick", FindMore => "find_more", FindAsk => "find_ask", WishAdd => "wish_add",
        WishOff => "wish_off", PriorityWait => "priority_wait", RecommendSet => "recommend_set",
        Forget => "forget", EmergencyAnswer => "emergency_answer", EmergencyHas => "emergency_has",
        SurveyStart => "survey_start", SurveyChoice => "survey_choice",
        SurveyPublish => "survey_publish", SurveyDiscard => "survey_discard"
    }
);

text_enum!(
    /// What a scheduled job does.
    JobKind {
        LoanDueSoon => "loan_due_soon", LoanDue => "loan_due", LoanOverdue => "loan_overdue",
        LoanEscalate => "loan_escalate", HandoverNudge => "handover_nudge", ListingCheck => "listing_check",
        ListingExpire => "listing_expire", Topic => "topic", Statement => "statement",
        DisputeRaise => "dispute_raise", DisputeAdmins => "dispute_admins",
        HandoverAuto => "handover_auto", ClaimRelease => "claim_release", TicketRemind => "ticket_remind",
        EventRemindDay => "event_remind_day", EventRemindSoon => "event_remind_soon", EventEnd => "event_end",
        EventReport => "event_report", PriorityOpen => "priority_open", Suggest => "suggest",
        PriorityReview => "priority_review", Digest => "digest",
        EmergencyCall => "emergency_call", WishAlert => "wish_alert"
    }
);

impl JobKind {
    /// Jobs about a loan.
    pub const LOAN: [JobKind; 4] = [
        JobKind::LoanDueSoon,
        JobKind::LoanDue,
        JobKind::LoanOverdue,
        JobKind::LoanEscalate,
    ];
    /// Jobs about an open listing.
    pub const LISTING: [JobKind; 2] = [JobKind::ListingCheck, JobKind::ListingExpire];
    /// Jobs about a claim being handed over.
    pub const HANDOVER: [JobKind; 3] = [
        JobKind::HandoverNudge,
        JobKind::HandoverAuto,
        JobKind::ClaimRelease,
    ];
    /// Jobs about a dispute nobody took yet.
    pub const DISPUTE: [JobKind; 2] = [JobKind::DisputeRaise, JobKind::DisputeAdmins];
}

/// A scheduled job as stored: what it does, about what (`ref_id`: a loan, claim, listing or
/// dispute), for whom, and when.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub kind: JobKind,
    pub community_id: Option<i64>,
    pub member_id: Option<i64>,
    pub ref_id: i64,
    pub due_at: i64,
}

text_enum!(
    /// Where an offline swap event is: open for sign-ups, closed (full time passed or the
    /// worker stopped sign-ups), done (it took place), cancelled.
    EventStatus { Open => "open", Closed => "closed", Done => "done", Cancelled => "cancelled" }
);
text_enum!(
    /// A resident's place at an event: confirmed, waiting for a place, or cancelled.
    SignupStatus { Confirmed => "confirmed", Waitlist => "waitlist", Cancelled => "cancelled" }
);
text_enum!(
    /// How an event repeats: not, every week, or on the same weekday of the month (the first
    /// Saturday stays the first Saturday).
    Recurrence { None => "none", Weekly => "weekly", Monthly => "monthly" }
);

text_enum!(
    /// What a resident asked the social workers for.
    TicketKind { Contact => "contact", Feedback => "feedback", Emergency => "emergency" }
);
text_enum!(
    /// Where a resident's request to the workers is: nobody took it yet, taken, done.
    TicketStatus { Open => "open", Taken => "taken", Done => "done" }
);

text_enum!(
    /// Where a dispute is: open (nobody took it yet), taken by a worker, or decided.
    DisputeStatus { Open => "open", Taken => "taken", Compensated => "compensated", Refunded => "refunded", Dismissed => "dismissed" }
);
text_enum!(
    /// The kind of problem a dispute is about, for the handbook.
    DisputeCategory { NotAsDescribed => "not_as_described", Damaged => "damaged", NotReceived => "not_received", NoShow => "no_show", Other => "other" }
);

impl DisputeCategory {
    pub const ALL: [DisputeCategory; 5] = [
        DisputeCategory::NotAsDescribed,
        DisputeCategory::Damaged,
        DisputeCategory::NotReceived,
        DisputeCategory::NoShow,
        DisputeCategory::Other,
    ];

    /// The kind of problem a reason describes, by its words in either language.
    pub fn of_reason(reason: &str) -> DisputeCategory {
        let r = reason.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| r.contains(w));
        if has(&[
            "坏", "损", "破", "裂", "broken", "damage", "crack", "scratch",
        ]) {
            DisputeCategory::Damaged
        } else if has(&[
            "不符",
            "不一样",
            "描述",
            "假",
            "not as described",
            "different",
            "fake",
            "wrong",
        ]) {
            DisputeCategory::NotAsDescribed
        } else if has(&[
            "没收到",
            "未收到",
            "没给",
            "没拿到",
            "not received",
            "never got",
            "didn't get",
            "did not get",
        ]) {
            DisputeCategory::NotReceived
        } else if has(&[
            "没来",
            "爽约",
            "迟到",
            "不来",
            "no show",
            "no-show",
            "didn't come",
            "did not come",
            "late",
        ]) {
            DisputeCategory::NoShow
        } else {
            DisputeCategory::Other
        }
    }
}

text_enum!(
    /// Why a listing was reported.
    ReportCategory { Fake => "fake", WrongPoints => "wrong_points", Unsafe => "unsafe", Other => "other" }
);
text_enum!(
    /// Where a report is.
    ReportStatus { Open => "open", Upheld => "upheld", Dismissed => "dismissed", Warned => "warned" }
);

/// An amount of points: never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Points(i64);

impl Points {
    pub const ZERO: Points = Points(0);
    /// Most points a single listing may ask for.
    pub const MAX_LISTING: i64 = 100_000;

    pub fn new(n: i64) -> Result<Points, String> {
        if (0..=Self::MAX_LISTING).contains(&n) {
            Ok(Points(n))
        } else {
            Err(format!(
                "points must be between 0 and {}, got {n}",
                Self::MAX_LISTING
            ))
        }
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

/// A listing's title: trimmed, non-empty, at most 60 characters (longer ones are cut).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Title(String);

impl Title {
    pub const MAX_CHARS: usize = 60;

    pub fn parse(s: &str) -> Option<Title> {
        let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
        let t = t
            .trim_matches(|c: char| c.is_ascii_punctuation() || "，。：；！？、·".contains(c))
            .trim();
        if t.is_empty() {
            return None;
        }
        let cut: String = t.chars().take(Self::MAX_CHARS).collect();
        Some(Title(if t.chars().count() > Self::MAX_CHARS {
            format!("{cut}…")
        } else {
            cut
        }))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_refuse_negative_and_huge() {
        assert!(Points::new(-1).is_err());
        assert!(Points::new(Points::MAX_LISTING + 1).is_err());
        assert_eq!(Points::new(30).unwrap().get(), 30);
    }

    #[test]
    fn title_is_trimmed_and_cut() {
        assert_eq!(
            Title::parse("  ：儿童自行车， ").unwrap().as_str(),
            "儿童自行车"
        );
        assert!(Title::parse(" ，。 ").is_none());
        assert_eq!(
            Title::parse(&"长".repeat(100))
                .unwrap()
                .as_str()
                .chars()
                .count(),
            Title::MAX_CHARS + 1
        );
    }

    #[test]
    fn enums_round_trip() {
        for s in ["open", "reserved", "accepted", "done", "withdrawn"] {
            assert_eq!(ListingStatus::parse(s).unwrap().as_str(), s);
        }
        assert!(ListingStatus::parse("gone").is_none());
    }

    #[test]
    fn dispute_reasons_fall_into_kinds_in_both_languages() {
        assert_eq!(
            DisputeCategory::of_reason("车把是坏的"),
            DisputeCategory::Damaged
        );
        assert_eq!(
            DisputeCategory::of_reason("the kettle is broken"),
            DisputeCategory::Damaged
        );
        assert_eq!(
            DisputeCategory::of_reason("和描述不符"),
            DisputeCategory::NotAsDescribed
        );
        assert_eq!(
            DisputeCategory::of_reason("he never came, no show"),
            DisputeCategory::NoShow
        );
        assert_eq!(DisputeCategory::of_reason("说不清"), DisputeCategory::Other);
    }
}
