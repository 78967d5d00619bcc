import type { ProfileView } from '../api.js';
import { formatCount } from '../messages.js';

/** Avatar, username and counts of the logged-in account. */
export function ProfileCard({ profile }: { profile: ProfileView }) {
  const counts: Array<[string, number | null]> = [
    ['boards', profile.counts.boards],
    ['Pins', profile.counts.pins],
    ['followers', profile.counts.followers],
    ['following', profile.counts.following],
  ];
  return (
    <section className="profile" aria-label="Your Pinterest profile">
      {profile.profileImage ? (
        <img className="profile__avatar" src={profile.profileImage} alt="" width={96} height={96} />
      ) : (
        <div className="profile__avatar profile__avatar--initial" aria-hidden="true">
          {profile.username.slice(0, 1).toUpperCase()}
        </div>
      )}
      <h1 className="profile__name">{profile.businessName ?? profile.username}</h1>
      <p className="profile__username" data-testid="username">
        @{profile.username}
      </p>
      {profile.about ? <p className="profile__about">{profile.about}</p> : null}
      <ul className="profile__counts">
        {counts.map(([label, value]) => (
          <li key={label}>
            <strong>{formatCount(value)}</strong> {label}
          </li>
        ))}
      </ul>
    </section>
  );
}
