import React, { useEffect, useState } from "react";
import DOMPurify from "dompurify";
import { marked } from "marked";

interface Props { repo: string; tag: string; }

export function ReleaseNotes({ repo, tag }: Props) {
  const [body, setBody] = useState("");
  useEffect(() => {
    fetch(`/api/releases/${encodeURIComponent(repo)}/${encodeURIComponent(tag)}`)
      .then((r) => r.json())
      .then((release) => setBody(release.body ?? ""));
  }, [repo, tag]);
  const html = DOMPurify.sanitize(marked.parse(body) as string, { USE_PROFILES: { html: true } });
  // expect-not: CWE-79
  const notes = <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
  return <section className="release-notes">{notes}</section>;
}
