import React from "react";

export interface Profile { name: string; website: string; bio: string; }

function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function ProfileCard({ profile }: { profile: Profile }) {
  const href = safeHref(profile.website);
  // expect-not: CWE-79
  const link = href ? <a href={href} rel="nofollow noopener">Website</a> : null;
  return (
    <div className="profile-card">
      <h3>{profile.name}</h3>
      {link}
      <p>{profile.bio}</p>
    </div>
  );
}
