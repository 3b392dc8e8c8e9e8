//! An approved time entry stays what was approved: the database seals it at approval, and the
//! check compares the entry with its seal.

/// What approval seals of a time entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    pub mission_id: String,
    pub technician_id: String,
    pub work_date: String,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub break_minutes: i64,
    pub minutes: i64,
    pub note: Option<String>,
    pub approved_by: Option<String>,
    pub approved_at: Option<i64>,
}

/// The names of the fields that differ from the seal, in a fixed order.
pub fn changed(entry: &Sealed, seal: &Sealed) -> Vec<&'static str> {
    let fields = [
        ("mission", entry.mission_id != seal.mission_id),
        ("technician", entry.technician_id != seal.technician_id),
        ("date", entry.work_date != seal.work_date),
        ("start", entry.started_at != seal.started_at),
        ("end", entry.ended_at != seal.ended_at),
        ("break", entry.break_minutes != seal.break_minutes),
        ("minutes", entry.minutes != seal.minutes),
        ("note", entry.note != seal.note),
        ("approved-by", entry.approved_by != seal.approved_by),
        ("approved-at", entry.approved_at != seal.approved_at),
    ];
    fields.into_iter().filter(|(_, differs)| *differs).map(|(name, _)| name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_changed_field_is_named() {
        let seal = Sealed {
            mission_id: "m".into(),
            technician_id: "t".into(),
            work_date: "2026-03-10".into(),
            started_at: Some(1),
            ended_at: Some(7_200_001),
            break_minutes: 0,
            minutes: 120,
            note: None,
            approved_by: Some("a".into()),
            approved_at: Some(9),
        };
        assert!(changed(&seal.clone(), &seal).is_empty());
        let entry = Sealed { minutes: 180, note: Some("extra".into()), ..seal.clone() };
        assert_eq!(changed(&entry, &seal), ["minutes", "note"]);
    }
}
