//! The MCP surface: the tools (typed parameters, JSON schemas from `params`), the
//! constitution resources and the "secure this change" prompt, over one [`Context`].
//!
//! Errors, as the MCP specification (2025-11-25, "Error Handling") and rmcp draw the line:
//! a request that is not a valid `tools/call` or names no tool, a prompt asked for with
//! missing or unusable arguments, and an unknown resource are protocol errors (`-32602`);
//! a tool's arguments that cannot be used — a schema violation (rmcp's own answer), an
//! unknown language or constitution, a path outside the workspace root, an input over the
//! size limit — and a tool that ran and failed (Docker unreachable) are error results
//! (`isError`) whose text names the problem, so that the agent reads it and corrects
//! the call.

use std::path::Path;

use bluecode_analysis::is_instruction_file;
use bluecode_analysis::syntax::Language;
use bluecode_workspace::{DocumentKind, Skip};
use rmcp::handler::server::router::prompt::PromptRouter;
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{
    CallToolResult, ContentBlock, GetPromptResult, Implementation, ListResourceTemplatesResult,
    ListResourcesResult, PaginatedRequestParams, PromptMessage, ReadResourceRequestParams,
    ReadResourceResponse, ReadResourceResult, Resource, ResourceContents, ResourceTemplate, Role,
    ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{
    ErrorData, RoleServer, ServerHandler, prompt, prompt_handler, prompt_router, tool,
    tool_handler, tool_router,
};
use serde::Serialize;

use crate::constitutions::{self, URI_PREFIX, URI_TEMPLATE};
use crate::context::{Context, MAX_INPUT_BYTES};
use crate::params::{
    ConstitutionOut, ExplainParams, ListOut, ListParams, ReviewCodeParams, ReviewFileParams,
    ReviewOut, SecureChangeParams, VerifyOut, VerifyParams,
};
use crate::paths::{PathError, existing_file, planned_file};
use crate::review::{ReviewInput, review, summary};
use crate::verify::verify;

const INSTRUCTIONS: &str = "bluecode reviews code for security against written constitutions \
(principle, CWE, examples), offline and in milliseconds. Call review_code on code you are about \
to write (pass `path` for the project's threat model), review_file on a file in the workspace, \
explain_constitution to learn why a finding matters and how to fix it, and verify_finding to run \
the flagged Python/JavaScript function in a Docker sandbox with attack payloads.";

#[derive(Clone)]
pub struct BluecodeMcp {
    context: Context,
    tool_router: ToolRouter<BluecodeMcp>,
    prompt_router: PromptRouter<BluecodeMcp>,
}

/// Why a tool call was not carried out, for the agent to read.
type Refusal = String;

fn path_error(argument: &str, e: PathError) -> Refusal {
    format!("`{argument}`: {e}")
}

fn too_large(argument: &str, size: usize, limit: usize) -> Refusal {
    format!("`{argument}` is {size} bytes; bluecode takes at most {limit} bytes")
}

fn language_named(name: &str) -> Result<Language, Refusal> {
    Language::from_name(name).ok_or_else(|| {
        let known: Vec<&str> = Language::ALL.iter().map(|l| l.name()).collect();
        format!(
            "`language`: `{name}` is not one bluecode reads ({})",
            known.join(", ")
        )
    })
}

/// A result with structured content and a text for clients that read text only.
fn structured<T: Serialize>(value: &T, text: String) -> Result<CallToolResult, Refusal> {
    let value =
        serde_json::to_value(value).map_err(|e| format!("cannot encode the result: {e}"))?;
    let mut result = CallToolResult::structured(value);
    result.content = vec![ContentBlock::text(text)];
    Ok(result)
}

/// The tool's answer: its result, or an error result saying why.
fn answer(outcome: Result<CallToolResult, Refusal>) -> Result<CallToolResult, ErrorData> {
    Ok(outcome.unwrap_or_else(|message| CallToolResult::error(vec![ContentBlock::text(message)])))
}

fn invalid_prompt(message: Refusal) -> ErrorData {
    ErrorData::invalid_params(message, None)
}

#[tool_router]
impl BluecodeMcp {
    pub fn new(context: Context) -> BluecodeMcp {
        BluecodeMcp {
            context,
            tool_router: Self::tool_router(),
            prompt_router: Self::prompt_router(),
        }
    }

    #[tool(
        description = "Review a code snippet for security before it is written: findings with constitution id, CWE, severity, confidence, message, data-flow trace and fix. Static analysis answers in milliseconds; the LLM judge is asked too when the workspace configures one.",
        output_schema = schema_for_output::<ReviewOut>(),
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn review_code(
        &self,
        Parameters(params): Parameters<ReviewCodeParams>,
    ) -> Result<CallToolResult, ErrorData> {
        answer(self.review_code_call(params).await)
    }

    async fn review_code_call(&self, params: ReviewCodeParams) -> Result<CallToolResult, Refusal> {
        if params.code.len() > MAX_INPUT_BYTES {
            return Err(too_large("code", params.code.len(), MAX_INPUT_BYTES));
        }
        let root = self.context.root();
        let path = params
            .path
            .as_deref()
            .map(|p| planned_file(root, p).map_err(|e| path_error("path", e)))
            .transpose()?;
        let named = params
            .file_name
            .as_deref()
            .map(Path::new)
            .or(path.as_deref());
        let language = match &params.language {
            Some(name) => Some(language_named(name)?),
            None => named.and_then(Language::from_path),
        };
        let instructions = named.is_some_and(is_instruction_file);
        if language.is_none() && !instructions {
            return Err(
                "say which language the code is in: `language` (python, javascript, …) or a `file_name` with its extension"
                    .to_owned(),
            );
        }
        let kind = if instructions {
            DocumentKind::Instructions
        } else {
            DocumentKind::Code
        };
        // An instruction file is matched by its name: give it one under the root.
        let path = match (&path, kind, &params.file_name) {
            (None, DocumentKind::Instructions, Some(name)) => {
                Some(root.join(Path::new(name).file_name().unwrap_or_default()))
            }
            _ => path,
        };
        let name = params
            .path
            .clone()
            .or(params.file_name.clone())
            .unwrap_or_else(|| "snippet".to_owned());
        let out = review(
            &self.context,
            ReviewInput {
                text: params.code,
                language: if instructions { None } else { language },
                kind,
                path,
                name,
                profile: params.profile,
            },
        )
        .await;
        structured(&out, summary(&out))
    }

    #[tool(
        description = "Review a file of the workspace (path relative to its root) for security: the same findings as review_code, in the project's threat model.",
        output_schema = schema_for_output::<ReviewOut>(),
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn review_file(
        &self,
        Parameters(params): Parameters<ReviewFileParams>,
    ) -> Result<CallToolResult, ErrorData> {
        answer(self.review_file_call(params).await)
    }

    async fn review_file_call(&self, params: ReviewFileParams) -> Result<CallToolResult, Refusal> {
        let path =
            existing_file(self.context.root(), &params.path).map_err(|e| path_error("path", e))?;
        let limit = self.context.workspace().settings().analysis.max_file_size;
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => return Err(format!("cannot read {}: {e}", params.path)),
        };
        match Skip::of_bytes(&bytes, limit) {
            Some(Skip::TooLarge { size, limit }) => {
                return Err(too_large("path", size as usize, limit as usize));
            }
            Some(Skip::Binary) => {
                return Err(format!("{} is a binary file", params.path));
            }
            None => {}
        }
        let Ok(text) = String::from_utf8(bytes) else {
            return Err(format!("{} is not UTF-8 text", params.path));
        };
        let language = Language::from_path(&path);
        let kind = DocumentKind::of(Some(&path), language.is_some());
        if kind == DocumentKind::Other {
            return Err(format!(
                "`path`: bluecode does not review {} (not a language it reads, nor an AI instruction file)",
                params.path
            ));
        }
        let out = review(
            &self.context,
            ReviewInput {
                text,
                language: if kind == DocumentKind::Code {
                    language
                } else {
                    None
                },
                kind,
                path: Some(path),
                name: params.path,
                profile: None,
            },
        )
        .await;
        structured(&out, summary(&out))
    }

    #[tool(
        description = "Explain a constitution by id (as findings report it): its principle, CWE, severity, how to fix, and unsafe/safe examples.",
        output_schema = schema_for_output::<ConstitutionOut>(),
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn explain_constitution(
        &self,
        Parameters(params): Parameters<ExplainParams>,
    ) -> Result<CallToolResult, ErrorData> {
        answer(self.explain_constitution_call(params).await)
    }

    async fn explain_constitution_call(
        &self,
        params: ExplainParams,
    ) -> Result<CallToolResult, Refusal> {
        let set = self.context.workspace().engine().constitutions();
        let constitution = set.get(&params.id).ok_or_else(|| {
            format!(
                "`id`: no constitution `{}` (list_constitutions lists them)",
                params.id
            )
        })?;
        let out = constitutions::explain(constitution);
        structured(&out, constitutions::markdown(constitution))
    }

    #[tool(
        description = "List bluecode's constitutions (the built-in ones and the workspace's), optionally only those for a language or of a category (vulnerability, malicious, bias, instruction).",
        output_schema = schema_for_output::<ListOut>(),
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn list_constitutions(
        &self,
        Parameters(params): Parameters<ListParams>,
    ) -> Result<CallToolResult, ErrorData> {
        answer(self.list_constitutions_call(params).await)
    }

    async fn list_constitutions_call(&self, params: ListParams) -> Result<CallToolResult, Refusal> {
        let language = params.language.as_deref().map(language_named).transpose()?;
        let category = match params.category.as_deref() {
            Some(name) => Some(constitutions::category(name).ok_or_else(|| {
                format!(
                    "`category`: `{name}` is not one of vulnerability, malicious, bias, instruction"
                )
            })?),
            None => None,
        };
        let set = self.context.workspace().engine().constitutions();
        let out = ListOut {
            constitutions: constitutions::list(set, language, category),
        };
        let text = format!(
            "{} constitutions: {}",
            out.constitutions.len(),
            out.constitutions
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        structured(&out, text)
    }

    #[tool(
        description = "Verify a finding in the Docker sandbox: the Python or JavaScript function holding the line is called with attack payloads in a locked-down container (no network, read-only, non-root). Answers confirmed (with the payload and the sink as evidence), not_reproduced (with what was tried) or inconclusive. Sends progress notifications; needs a running Docker engine.",
        output_schema = schema_for_output::<VerifyOut>(),
        annotations(read_only_hint = true, destructive_hint = false, open_world_hint = false)
    )]
    async fn verify_finding(
        &self,
        Parameters(params): Parameters<VerifyParams>,
        request_context: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        answer(self.verify_finding_call(params, &request_context).await)
    }

    async fn verify_finding_call(
        &self,
        params: VerifyParams,
        request_context: &RequestContext<RoleServer>,
    ) -> Result<CallToolResult, Refusal> {
        let path =
            existing_file(self.context.root(), &params.path).map_err(|e| path_error("path", e))?;
        if params.line == 0 {
            return Err("`line`: lines count from 1".to_owned());
        }
        let out = verify(&self.context, &path, params.line, request_context)
            .await
            .map_err(|e| e.to_string())?;
        let text = format!(
            "{}:{} ({}): {}",
            params.path, params.line, out.function, out.explanation
        );
        structured(&out, text)
    }
}

#[prompt_router]
impl BluecodeMcp {
    #[prompt(
        name = "secure_this_change",
        description = "Review a change (code or a unified diff) for security with the constitutions that apply to it: what bluecode finds in it and the principles to hold to."
    )]
    async fn secure_this_change(
        &self,
        Parameters(params): Parameters<SecureChangeParams>,
    ) -> Result<GetPromptResult, ErrorData> {
        if params.change.len() > MAX_INPUT_BYTES {
            return Err(invalid_prompt(too_large(
                "change",
                params.change.len(),
                MAX_INPUT_BYTES,
            )));
        }
        let language = match &params.language {
            Some(name) => Some(language_named(name).map_err(invalid_prompt)?),
            None => params
                .file_name
                .as_deref()
                .map(Path::new)
                .and_then(Language::from_path),
        };
        let code = constitutions::changed_code(&params.change);
        let findings = match language {
            Some(language) => {
                review(
                    &self.context,
                    ReviewInput {
                        text: code.clone(),
                        language: Some(language),
                        kind: DocumentKind::Code,
                        path: None,
                        name: params.file_name.clone().unwrap_or_else(|| "change".into()),
                        profile: None,
                    },
                )
                .await
                .findings
            }
            None => Vec::new(),
        };
        let text = constitutions::secure_change_prompt(
            self.context.workspace().engine().constitutions(),
            language,
            &code,
            &findings,
        );
        Ok(
            GetPromptResult::new(vec![PromptMessage::new_text(Role::User, text)])
                .with_description("Secure this change against bluecode's constitutions"),
        )
    }
}

#[tool_handler(router = self.tool_router)]
#[prompt_handler(router = self.prompt_router)]
impl ServerHandler for BluecodeMcp {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_prompts()
                .enable_resources()
                .build(),
        )
        .with_server_info(
            Implementation::new("bluecode", env!("CARGO_PKG_VERSION"))
                .with_title("bluecode security review"),
        )
        .with_instructions(INSTRUCTIONS)
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        let set = self.context.workspace().engine().constitutions();
        let resources = set
            .constitutions()
            .iter()
            .map(|c| {
                Resource::new(constitutions::uri(&c.id), c.id.clone())
                    .with_title(c.title.clone())
                    .with_mime_type("text/markdown")
            })
            .collect();
        Ok(ListResourcesResult::with_all_items(resources))
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, ErrorData> {
        Ok(ListResourceTemplatesResult::with_all_items(vec![
            ResourceTemplate::new(URI_TEMPLATE, "constitution")
                .with_title("A bluecode constitution")
                .with_description("Principle, CWE, fix and examples of one constitution, by id")
                .with_mime_type("text/markdown"),
        ]))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        let set = self.context.workspace().engine().constitutions();
        let constitution = request
            .uri
            .strip_prefix(URI_PREFIX)
            .and_then(|id| set.get(id))
            .ok_or_else(|| {
                ErrorData::resource_not_found(
                    format!(
                        "no resource `{}` (bluecode://constitution/{{id}})",
                        request.uri
                    ),
                    None,
                )
            })?;
        Ok(ReadResourceResult::new(vec![
            ResourceContents::text(constitutions::markdown(constitution), request.uri.clone())
                .with_mime_type("text/markdown"),
        ])
        .into())
    }
}
