import React, { useEffect, useState } from "react";
import { marked } from "marked";

interface Props { repo: string; tag: string; }

export function ReleaseNotes({ repo, tag }: Props) {
  const [body, setBody] = useState("");
  useEffect(() => {
    fetch(`/api/releases/${encodeURIComponent(repo)}/${encodeURIComponent(tag)}`)
      .then((r) => r.json())
      .then((release) => setBody(release.body ?? ""));
  }, [repo, tag]);
  // release notes are written by any contributor with push access to the repo
  const html = marked.parse(body) as string;
  // expect: CWE-79
  const notes = <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
  return <section className="release-notes">{notes}</section>;
}
