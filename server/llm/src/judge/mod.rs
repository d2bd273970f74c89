//! The orchestrator for one workspace: exclusion, redaction, retrieval, cache, prompt,
//! request (under a concurrency limit, one in flight per unit, cancellable), parsing with
//! one retry, and counters. Depends on every other module of the crate; nothing depends on it.

mod inflight;
mod stats;

use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

pub use stats::JudgeStats;

use crate::cache::{CacheKey, VerdictCache};
use crate::error::LlmError;
use crate::prompt::{self, PROMPT_VERSION};
use crate::provider::{self, ChatMessage, ChatProvider, ChatRequest, CheckReport, Role};
use crate::redact;
use crate::retrieval::{Knowledge, Retriever, constitution_set_hash};
use crate::settings::{ExcludeMatcher, LlmSettings};
use crate::types::{ConstitutionDoc, KnownExample, KnownKind, StaticFinding, UnitInput};
use crate::verdict::{LlmVerdict, parse_verdict};

/// How many constitutions a prompt shows at most.
const CONSTITUTIONS_PER_PROMPT: usize = 4;
/// Knowledge-base examples per prompt (the paper's few-shot red-team examples).
const EXAMPLES_PER_PROMPT: usize = 3;
/// How many a whole instruction file's prompt shows: one file, many kinds of intent.
const CONSTITUTIONS_PER_INSTRUCTION_FILE: usize = 10;

/// One unit to judge, with the static findings on it.
#[derive(Debug, Clone, Default)]
pub struct JudgeRequest {
    pub unit: UnitInput,
    pub static_findings: Vec<StaticFinding>,
    /// The caller's token (e.g. the document's scheduler); the judge adds its own per unit.
    pub cancel: Option<CancellationToken>,
}

/// What happened to one unit.
#[derive(Debug, Clone, PartialEq)]
pub enum JudgeOutcome {
    /// A verdict, with lines in file coordinates of the unit as given.
    Judged {
        verdict: LlmVerdict,
        from_cache: bool,
    },
    /// The file matches `exclude`: nothing was sent.
    Excluded,
    /// A newer request for the same unit, or the caller, cancelled this one.
    Cancelled,
    /// The endpoint failed or the answer stayed unusable after one retry (already logged).
    GaveUp { reason: String },
}

impl JudgeOutcome {
    /// The verdict, when there is one.
    pub fn verdict(&self) -> Option<&LlmVerdict> {
        match self {
            JudgeOutcome::Judged { verdict, .. } => Some(verdict),
            _ => None,
        }
    }
}

/// The LLM judge for one workspace. Cheap to clone; clones share limits, cache and counters.
#[derive(Debug, Clone)]
pub struct Judge {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    provider: Arc<dyn ChatProvider>,
    retriever: Retriever,
    /// Labelled examples shown beside the constitutions.
    knowledge: Arc<Knowledge>,
    constitution_set_hash: u128,
    exclude: ExcludeMatcher,
    cache: VerdictCache,
    permits: Semaphore,
    in_flight: Arc<inflight::InFlight>,
    counters: stats::Counters,
    max_tokens: u32,
    budget_tokens: usize,
}

impl Judge {
    /// The judge the settings describe, or `None` when the LLM is not configured.
    pub fn from_settings(
        settings: &LlmSettings,
        constitutions: Vec<ConstitutionDoc>,
        cache: VerdictCache,
    ) -> Result<Option<Judge>, LlmError> {
        if !settings.is_enabled() {
            return Ok(None);
        }
        let provider = provider::build_provider(settings)?;
        Self::with_provider(provider, settings, constitutions, cache).map(Some)
    }

    /// A judge over an explicit provider (tests, or a caller with its own retry policy).
    pub fn with_provider(
        provider: Arc<dyn ChatProvider>,
        settings: &LlmSettings,
        constitutions: Vec<ConstitutionDoc>,
        cache: VerdictCache,
    ) -> Result<Judge, LlmError> {
        settings.validate()?;
        Ok(Judge {
            inner: Arc::new(Inner {
                constitution_set_hash: constitution_set_hash(&constitutions),
                knowledge: Arc::new(Knowledge::new(first_examples(&constitutions))),
                retriever: Retriever::new(constitutions),
                exclude: settings.exclude_matcher()?,
                cache,
                permits: Semaphore::new(settings.max_concurrency),
                in_flight: Arc::default(),
                counters: stats::Counters::default(),
                max_tokens: settings.max_tokens,
                budget_tokens: settings.prompt_budget_tokens,
                provider,
            }),
        })
    }

    /// The judge with `knowledge` as its knowledge base (every constitution example and
    /// what the workspace teaches it) instead of the constitutions' first examples. Call
    /// it on a new judge, before it is cloned.
    pub fn with_knowledge(self, knowledge: Arc<Knowledge>) -> Judge {
        match Arc::try_unwrap(self.inner) {
            Ok(mut inner) => {
                inner.knowledge = knowledge;
                Judge {
                    inner: Arc::new(inner),
                }
            }
            Err(shared) => {
                tracing::warn!("knowledge base set on a judge already shared; kept the old one");
                Judge { inner: shared }
            }
        }
    }

    /// The constitutions the judge retrieves from (for [`crate::merge::merge`]).
    pub fn constitutions(&self) -> &[ConstitutionDoc] {
        self.inner.retriever.docs()
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> JudgeStats {
        self.inner.counters.snapshot()
    }

    /// Units with a request in flight right now.
    pub fn in_flight(&self) -> usize {
        self.inner.in_flight.len()
    }

    /// Cancels the request in flight for a unit (e.g. it was deleted).
    pub fn cancel_unit(&self, unit_id: &str) {
        self.inner.in_flight.cancel(unit_id);
    }

    /// Whether the endpoint answers and the model exists.
    pub async fn check(&self) -> CheckReport {
        self.inner.provider.check().await
    }

    /// Judges many units (e.g. `bluecode scan --llm`), at most `max_concurrency` at a time;
    /// outcomes come back in the order of `requests`.
    pub async fn judge_many(&self, requests: Vec<JudgeRequest>) -> Vec<JudgeOutcome> {
        let mut tasks = tokio::task::JoinSet::new();
        let count = requests.len();
        for (index, request) in requests.into_iter().enumerate() {
            let judge = self.clone();
            tasks.spawn(async move { (index, judge.judge(request).await) });
        }
        let mut outcomes: Vec<Option<JudgeOutcome>> = vec![None; count];
        while let Some(joined) = tasks.join_next().await {
            match joined {
                Ok((index, outcome)) => outcomes[index] = Some(outcome),
                Err(e) => tracing::warn!(error = %e, "an LLM judgement task failed"),
            }
        }
        outcomes
            .into_iter()
            .map(|o| {
                o.unwrap_or(JudgeOutcome::GaveUp {
                    reason: "the judgement task failed".into(),
                })
            })
            .collect()
    }

    /// The key the verdict on `request` is cached under: what the unit's prompt is made
    /// of (redacted), the constitutions, the model and the prompt version. Two callers
    /// with the same key send the same prompt.
    pub fn cache_key(&self, request: &JudgeRequest) -> CacheKey {
        let (unit, findings, _) = redact_request(&request.unit, &request.static_findings);
        self.key_of(&unit, &findings)
    }

    fn key_of(&self, unit: &UnitInput, findings: &[StaticFinding]) -> CacheKey {
        CacheKey {
            unit_hash: unit_hash(unit, findings),
            constitution_set_hash: self.inner.constitution_set_hash,
            model: self.inner.provider.model().to_string(),
            prompt_version: PROMPT_VERSION,
        }
    }

    /// Judges one unit. Never panics on what the model or the network does.
    pub async fn judge(&self, request: JudgeRequest) -> JudgeOutcome {
        let inner = &self.inner;
        let unit_id = request.unit.unit_id.clone();
        if inner.exclude.is_excluded(&request.unit.path) {
            stats::add(&inner.counters.excluded, 1);
            return JudgeOutcome::Excluded;
        }
        let slot = inner.in_flight.register(&unit_id, request.cancel.as_ref());
        let span = tracing::debug_span!("llm_judge", unit = %unit_id);
        let outcome = self
            .judge_registered(request, &slot.token)
            .instrument(span)
            .await;
        drop(slot);
        match &outcome {
            JudgeOutcome::Judged { .. } => stats::add(&inner.counters.units_judged, 1),
            JudgeOutcome::Cancelled => stats::add(&inner.counters.cancelled, 1),
            JudgeOutcome::GaveUp { reason } => {
                stats::add(&inner.counters.gave_up, 1);
                tracing::warn!(unit = %unit_id, %reason, "LLM judgement given up for this unit");
            }
            JudgeOutcome::Excluded => {}
        }
        outcome
    }

    async fn judge_registered(
        &self,
        request: JudgeRequest,
        cancel: &CancellationToken,
    ) -> JudgeOutcome {
        let inner = &self.inner;
        let (unit, findings, secrets) = redact_request(&request.unit, &request.static_findings);
        stats::add(&inner.counters.secrets_redacted, secrets as u64);
        let key = self.key_of(&unit, &findings);
        if let Some(cached) = self.cache_get(&key).await {
            stats::add(&inner.counters.cache_hits, 1);
            return JudgeOutcome::Judged {
                verdict: shift_lines(cached, unit.start_line, Direction::ToFile),
                from_cache: true,
            };
        }
        let k = if unit.is_instruction_file() {
            CONSTITUTIONS_PER_INSTRUCTION_FILE
        } else {
            CONSTITUTIONS_PER_PROMPT
        };
        let retrieved = inner.retriever.retrieve(&unit, &findings, k);
        let docs: Vec<&ConstitutionDoc> = retrieved.iter().map(|r| r.doc).collect();
        let chosen: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        let known = inner.knowledge.nearest(&unit, &chosen, EXAMPLES_PER_PROMPT);
        let prompt = prompt::build_prompt(&unit, &findings, &docs, &known, inner.budget_tokens);

        let _permit = tokio::select! {
            biased;
            _ = cancel.cancelled() => return JudgeOutcome::Cancelled,
            permit = inner.permits.acquire() => match permit {
                Ok(permit) => permit,
                Err(_) => return JudgeOutcome::GaveUp { reason: "the judge was shut down".into() },
            },
        };
        let mut chat = ChatRequest {
            system: prompt.system.clone(),
            messages: vec![ChatMessage {
                role: Role::User,
                content: prompt.user.clone(),
            }],
            max_tokens: inner.max_tokens,
            json_mode: true,
        };
        let range = unit.start_line..=unit.end_line();
        for attempt in 0..2 {
            let estimated = prompt::estimate_tokens(&chat.system)
                + chat
                    .messages
                    .iter()
                    .map(|m| prompt::estimate_tokens(&m.content))
                    .sum::<usize>();
            inner.counters.record_prompt(estimated as u64);
            let response = match provider::complete_cancellable(
                inner.provider.as_ref(),
                &chat,
                cancel,
            )
            .await
            {
                Ok(response) => response,
                Err(LlmError::Cancelled) => return JudgeOutcome::Cancelled,
                Err(e) => {
                    return JudgeOutcome::GaveUp {
                        reason: e.to_string(),
                    };
                }
            };
            stats::add(&inner.counters.http_attempts, u64::from(response.attempts));
            if let Some(usage) = response.usage {
                stats::add(
                    &inner.counters.reported_prompt_tokens_total,
                    usage.prompt_tokens,
                );
                stats::add(
                    &inner.counters.reported_completion_tokens_total,
                    usage.completion_tokens,
                );
            }
            match parse_verdict(&response.text, range.clone()) {
                Ok(verdict) => {
                    // A cut-off answer is used now but not kept: the next run may do better.
                    if !verdict.partial {
                        self.cache_put(&key, &verdict, unit.start_line).await;
                    }
                    return JudgeOutcome::Judged {
                        verdict,
                        from_cache: false,
                    };
                }
                Err(error) if attempt == 0 => {
                    tracing::debug!(unit = %unit.unit_id, %error, "unparsable LLM answer; retrying once");
                    stats::add(&inner.counters.parse_retries, 1);
                    chat.messages.push(ChatMessage {
                        role: Role::Assistant,
                        content: clip(&response.text, 2000),
                    });
                    chat.messages.push(ChatMessage {
                        role: Role::User,
                        content: prompt::parse_retry_message(&error),
                    });
                }
                Err(error) => {
                    return JudgeOutcome::GaveUp {
                        reason: format!("unparsable answer after a retry: {error}"),
                    };
                }
            }
        }
        JudgeOutcome::GaveUp {
            reason: "no usable answer".into(),
        }
    }

    async fn cache_get(&self, key: &CacheKey) -> Option<LlmVerdict> {
        let inner = Arc::clone(&self.inner);
        let key = key.clone();
        tokio::task::spawn_blocking(move || inner.cache.get(&key))
            .await
            .ok()
            .flatten()
    }

    async fn cache_put(&self, key: &CacheKey, verdict: &LlmVerdict, start_line: u32) {
        // Cached with lines relative to the unit, so a unit that merely moved still hits.
        let relative = shift_lines(verdict.clone(), start_line, Direction::ToUnit);
        let inner = Arc::clone(&self.inner);
        let key = key.clone();
        if let Err(e) = tokio::task::spawn_blocking(move || inner.cache.put(&key, &relative)).await
        {
            tracing::warn!(error = %e, "LLM cache write task failed");
        }
    }
}

/// Redacts everything that will be sent; returns the redacted copies and the secret count.
fn redact_request(
    unit: &UnitInput,
    findings: &[StaticFinding],
) -> (UnitInput, Vec<StaticFinding>, usize) {
    let mut count = 0;
    let mut clean = |text: &str| {
        let r = redact::redact_for_path(&unit.path, text);
        count += r.count();
        r.text
    };
    let redacted = UnitInput {
        code: clean(&unit.code),
        imports: unit.imports.iter().map(|i| clean(i)).collect(),
        enclosing_class: unit.enclosing_class.as_deref().map(&mut clean),
        callee_signatures: unit.callee_signatures.iter().map(|s| clean(s)).collect(),
        caller_signatures: unit.caller_signatures.iter().map(|s| clean(s)).collect(),
        ..unit.clone()
    };
    let findings = findings
        .iter()
        .map(|f| StaticFinding {
            message: clean(&f.message),
            ..f.clone()
        })
        .collect();
    (redacted, findings, count)
}

/// Hash of what the prompt says about the unit, with lines relative to its start.
fn unit_hash(unit: &UnitInput, findings: &[StaticFinding]) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut part = |s: &str| {
        h.update(s.as_bytes());
        h.update(&[0xff]);
    };
    part(&unit.unit_id);
    part(&unit.path);
    part(&unit.language);
    part(&unit.code);
    unit.imports.iter().for_each(|i| part(i));
    part("\u{1}class");
    part(unit.enclosing_class.as_deref().unwrap_or_default());
    unit.callee_signatures.iter().for_each(|s| part(s));
    part("\u{1}callers");
    unit.caller_signatures.iter().for_each(|s| part(s));
    for f in findings {
        let relative = i64::from(f.line) - i64::from(unit.start_line);
        part(&format!(
            "{}|{}|{:?}|{}|{relative}|{}",
            f.id, f.constitution_id, f.cwe, f.category, f.message
        ));
    }
    h.digest128()
}

enum Direction {
    ToUnit,
    ToFile,
}

fn shift_lines(mut verdict: LlmVerdict, start_line: u32, direction: Direction) -> LlmVerdict {
    let shift = |line: u32| match direction {
        Direction::ToUnit => line.checked_sub(start_line),
        Direction::ToFile => line.checked_add(start_line),
    };
    verdict.findings.retain_mut(|f| match shift(f.line) {
        Some(line) => {
            f.line = line;
            true
        }
        None => false,
    });
    for d in &mut verdict.disputes {
        d.line = d.line.and_then(shift);
    }
    verdict
}

fn clip(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The constitutions' first unsafe and safe examples, as a knowledge base to start from.
fn first_examples(docs: &[ConstitutionDoc]) -> Vec<KnownExample> {
    docs.iter()
        .flat_map(|d| {
            let language = if d.languages.len() == 1 {
                d.languages[0].clone()
            } else {
                String::new()
            };
            [
                (KnownKind::Unsafe, &d.unsafe_example),
                (KnownKind::Safe, &d.safe_example),
            ]
            .into_iter()
            .filter(|(_, code)| !code.trim().is_empty())
            .map(move |(kind, code)| KnownExample {
                kind,
                language: language.clone(),
                rule_id: Some(d.id.clone()),
                code: code.clone(),
                note: d.title.clone(),
            })
        })
        .collect()
}
