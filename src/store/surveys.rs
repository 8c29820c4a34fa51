//! Needs surveys: a poll (one question, a native poll in the community's group) or a form
//! (several questions answered privately), their questions, and one answer per resident and
//! question.

use sqlx::Row;

use super::{StoreResult, Tx};

/// A question: its options, or none for a free-text answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub n: i64,
    pub text: String,
    pub options: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Survey {
    pub id: i64,
    pub community_id: i64,
    /// `poll` or `form`.
    pub kind: String,
    pub title: String,
    pub created_by: i64,
    pub created_at: i64,
    pub closed_at: Option<i64>,
    /// When it went to the group (a questionnaire waits as a draft until the worker sends it).
    pub published_at: Option<i64>,
    pub questions: Vec<Question>,
}

impl Survey {
    pub fn is_poll(&self) -> bool {
        self.kind == "poll"
    }
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }
    pub fn question(&self, n: i64) -> Option<&Question> {
        self.questions.iter().find(|q| q.n == n)
    }
}

pub async fn create(
    tx: &mut Tx,
    community_id: i64,
    kind: &str,
    title: &str,
    questions: &[(String, Vec<String>)],
    by: i64,
    now: i64,
) -> StoreResult<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO surveys (community_id, kind, title, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(community_id)
    .bind(kind)
    .bind(title)
    .bind(by)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    for (i, (text, options)) in questions.iter().enumerate() {
        sqlx::query(
            "INSERT INTO survey_questions (survey_id, n, text, options) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(i as i64 + 1)
        .bind(text)
        .bind(serde_json::to_string(options).unwrap_or_else(|_| "[]".into()))
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

const COLS: &str = "id, community_id, kind, title, created_by, created_at, closed_at, published_at";

async fn with_questions(tx: &mut Tx, r: &sqlx::any::AnyRow) -> StoreResult<Survey> {
    let id: i64 = r.try_get("id")?;
    let rows = sqlx::query(
        "SELECT n, text, options FROM survey_questions WHERE survey_id = $1 ORDER BY n",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    let mut questions = Vec::new();
    for q in &rows {
        let options: String = q.try_get("options")?;
        questions.push(Question {
            n: q.try_get("n")?,
            text: q.try_get("text")?,
            options: serde_json::from_str(&options).unwrap_or_default(),
        });
    }
    Ok(Survey {
        id,
        community_id: r.try_get("community_id")?,
        kind: r.try_get("kind")?,
        title: r.try_get("title")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        closed_at: super::opt_i64(r, "closed_at")?,
        published_at: super::opt_i64(r, "published_at")?,
        questions,
    })
}

/// A survey, its row locked until the transaction ends (answers are counted one at a time).
pub async fn get(tx: &mut Tx, id: i64) -> StoreResult<Option<Survey>> {
    let sql = format!(
        "SELECT {COLS} FROM surveys WHERE id = $1{}",
        tx.backend.for_update()
    );
    let Some(r) = sqlx::query(&sql).bind(id).fetch_optional(&mut **tx).await? else {
        return Ok(None);
    };
    Ok(Some(with_questions(tx, &r).await?))
}

/// The newest `limit` surveys of these communities, newest first.
pub async fn of_communities(
    tx: &mut Tx,
    communities: &[i64],
    limit: i64,
) -> StoreResult<Vec<Survey>> {
    if communities.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = communities.iter().map(|c| c.to_string()).collect();
    let sql = format!(
        "SELECT {COLS} FROM surveys WHERE community_id IN ({}) ORDER BY id DESC LIMIT $1",
        list.join(", ")
    );
    let rows = sqlx::query(&sql).bind(limit).fetch_all(&mut **tx).await?;
    let mut out = Vec::new();
    for r in &rows {
        out.push(with_questions(tx, r).await?);
    }
    Ok(out)
}

/// The open forms of the communities `member` belongs to, oldest first.
pub async fn open_forms_for(tx: &mut Tx, member: i64) -> StoreResult<Vec<Survey>> {
    let sql = format!(
        "SELECT {COLS} FROM surveys s WHERE s.kind = 'form' AND s.closed_at IS NULL AND s.published_at IS NOT NULL
           AND s.community_id IN (SELECT community_id FROM memberships WHERE member_id = $1)
         ORDER BY s.id"
    );
    let rows = sqlx::query(&sql).bind(member).fetch_all(&mut **tx).await?;
    let mut out = Vec::new();
    for r in &rows {
        out.push(with_questions(tx, r).await?);
    }
    Ok(out)
}

pub async fn close(tx: &mut Tx, id: i64, now: i64) -> StoreResult<bool> {
    Ok(
        sqlx::query("UPDATE surveys SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL")
            .bind(id)
            .bind(now)
            .execute(&mut **tx)
            .await?
            .rows_affected()
            > 0,
    )
}

/// Marks survey `id` as sent to the group.
pub async fn publish(tx: &mut Tx, id: i64, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE surveys SET published_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Notes that outbox row `outbox_id` is survey `id`'s post in its group: its native poll, or
/// a questionnaire's notice.
pub async fn add_post(tx: &mut Tx, id: i64, outbox_id: i64) -> StoreResult<()> {
    sqlx::query("INSERT INTO survey_polls (outbox_id, survey_id) VALUES ($1, $2)")
        .bind(outbox_id)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The survey whose native poll Telegram calls `poll_id`.
pub async fn by_poll_id(tx: &mut Tx, poll_id: &str) -> StoreResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT p.survey_id FROM outbox o JOIN survey_polls p ON p.outbox_id = o.id
         WHERE o.poll_id = $1 AND o.op = 'poll'",
    )
    .bind(poll_id)
    .fetch_optional(&mut **tx)
    .await?)
}

/// Keeps `member`'s answer to question `n` (a new answer replaces the old one).
pub async fn answer(
    tx: &mut Tx,
    id: i64,
    n: i64,
    member: i64,
    choice: Option<i64>,
    text: Option<&str>,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO survey_answers (survey_id, n, member_id, choice, text, at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (survey_id, n, member_id) DO UPDATE SET choice = EXCLUDED.choice, text = EXCLUDED.text, at = EXCLUDED.at",
    )
    .bind(id)
    .bind(n)
    .bind(member)
    .bind(choice)
    .bind(text)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Takes back `member`'s answer to question `n`.
pub async fn retract(tx: &mut Tx, id: i64, n: i64, member: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM survey_answers WHERE survey_id = $1 AND n = $2 AND member_id = $3")
        .bind(id)
        .bind(n)
        .bind(member)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The questions `member` has answered (or skipped: a skipped free-text answer is kept empty).
pub async fn answered(tx: &mut Tx, id: i64, member: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT n FROM survey_answers WHERE survey_id = $1 AND member_id = $2 ORDER BY n",
    )
    .bind(id)
    .bind(member)
    .fetch_all(&mut **tx)
    .await?)
}

/// How many chose each option: (question, option from 1, count).
pub async fn counts(tx: &mut Tx, id: i64) -> StoreResult<Vec<(i64, i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT n, choice, COUNT(*) FROM survey_answers WHERE survey_id = $1 AND choice IS NOT NULL
         GROUP BY n, choice ORDER BY n, choice",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?)
}

/// The words written: (question, resident's name, text), oldest first.
pub async fn texts(tx: &mut Tx, id: i64) -> StoreResult<Vec<(i64, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT a.n, m.name, a.text FROM survey_answers a JOIN members m ON m.id = a.member_id
         WHERE a.survey_id = $1 AND a.text IS NOT NULL AND a.text <> '' ORDER BY a.n, a.at, m.name",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?)
}

/// How many residents answered at least one question.
pub async fn respondents(tx: &mut Tx, id: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(DISTINCT member_id) FROM survey_answers WHERE survey_id = $1
           AND (choice IS NOT NULL OR (text IS NOT NULL AND text <> ''))",
    )
    .bind(id)
    .fetch_one(&mut **tx)
    .await?)
}

/// How many residents answered every question of a form.
pub async fn finished(tx: &mut Tx, id: i64, questions: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT member_id FROM survey_answers WHERE survey_id = $1
           GROUP BY member_id HAVING COUNT(*) >= $2) t",
    )
    .bind(id)
    .bind(questions)
    .fetch_one(&mut **tx)
    .await?)
}

/// Survey `id`'s posts in its group: (outbox row, its op: `poll` or `send`).
pub async fn posts(tx: &mut Tx, id: i64) -> StoreResult<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT p.outbox_id, o.op FROM survey_polls p JOIN outbox o ON o.id = p.outbox_id
         WHERE p.survey_id = $1 ORDER BY p.outbox_id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?)
}

/// Every survey for `linli state --json`: its questions, and each answer (who, which
/// question, the option's number or the words).
pub async fn all(c: &mut sqlx::AnyConnection) -> StoreResult<Vec<serde_json::Value>> {
    let rows = sqlx::query(
        "SELECT s.id, s.kind, s.title, cm.title AS community, s.closed_at, s.published_at,
           CAST((SELECT COUNT(*) FROM survey_questions q WHERE q.survey_id = s.id) AS BIGINT) AS questions
         FROM surveys s JOIN communities cm ON cm.id = s.community_id ORDER BY s.id",
    )
    .fetch_all(&mut *c)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        let answers = sqlx::query(
            "SELECT m.name, a.n, a.choice, a.text FROM survey_answers a JOIN members m ON m.id = a.member_id
             WHERE a.survey_id = $1 ORDER BY a.n, m.name",
        )
        .bind(id)
        .fetch_all(&mut *c)
        .await?;
        let answers: Vec<serde_json::Value> = answers
            .iter()
            .map(|a| {
                Ok(serde_json::json!({
                    "member": a.try_get::<String, _>("name")?,
                    "question": a.try_get::<i64, _>("n")?,
                    "choice": super::opt_i64(a, "choice")?,
                    "text": a.try_get::<Option<String>, _>("text")?,
                }))
            })
            .collect::<StoreResult<_>>()?;
        let respondents = {
            let mut names: Vec<&str> = answers
                .iter()
                .filter(|a| {
                    !a["choice"].is_null() || a["text"].as_str().is_some_and(|t| !t.is_empty())
                })
                .filter_map(|a| a["member"].as_str())
                .collect();
            names.sort_unstable();
            names.dedup();
            names.len()
        };
        out.push(serde_json::json!({
            "id": id,
            "kind": r.try_get::<String, _>("kind")?,
            "title": r.try_get::<String, _>("title")?,
            "community": r.try_get::<String, _>("community")?,
            "status": match (super::opt_i64(r, "closed_at")?, super::opt_i64(r, "published_at")?) {
                (Some(_), _) => "closed",
                (None, None) => "draft",
                (None, Some(_)) => "open",
            },
            "questions": r.try_get::<i64, _>("questions")?,
            "respondents": respondents,
            "answers": answers,
        }));
    }
    Ok(out)
}
