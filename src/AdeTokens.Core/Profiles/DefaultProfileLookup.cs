using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Health;

namespace AdeTokens.Profiles
{
    /// <summary>
    /// Which of a token's enrollment profiles are its defaults: the one answer Get-AdeEnrollmentProfile,
    /// Set-AdeDefaultProfile and the health checks give. Every derived profile carries isDefault and its @odata.type
    /// names the platform (reference, corrections of December 2026), so the profiles settle it; the token's
    /// default…EnrollmentProfile navigation is read only for a platform they leave open.
    /// </summary>
    public sealed class DefaultProfileLookup
    {
        private readonly AdeGraphService _service;

        /// <summary>Creates the lookup.</summary>
        public DefaultProfileLookup(AdeGraphService service)
        {
            _service = service ?? throw new ArgumentNullException(nameof(service));
        }

        /// <summary>
        /// The platforms whose default the profiles don't settle: none of them says isDefault, and some don't say at
        /// all (or a profile's platform is unknown).
        /// </summary>
        public static IReadOnlyList<string> AmbiguousPlatforms(IReadOnlyList<EnrollmentProfile> profiles)
        {
            if (profiles is null) throw new ArgumentNullException(nameof(profiles));
            var ambiguous = new List<string>();
            var unknownPlatform = profiles.Where(p => !ProfileFacts.Platforms.Contains(p.Platform)).ToList();
            foreach (var platform in ProfileFacts.Platforms)
            {
                var mine = profiles.Where(p => p.Platform == platform).ToList();
                if (mine.Any(p => p.IsDefault == true)) continue;
                var unsaid = mine.Any(p => p.IsDefault is null);
                var maybe = unknownPlatform.Any(p => p.IsDefault != false);
                if (unsaid || maybe) ambiguous.Add(platform);
            }
            return ambiguous;
        }

        /// <summary>
        /// Reads the default…EnrollmentProfile navigation of each platform <paramref name="profiles"/> leave open:
        /// platform to the default's id (null: none set). Empty when the profiles settle every platform.
        /// </summary>
        public async Task<IReadOnlyDictionary<string, string?>> ReadAsync(string tokenId, IReadOnlyList<EnrollmentProfile> profiles, CancellationToken cancellationToken)
        {
            var ids = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var platform in AmbiguousPlatforms(profiles))
                ids[platform] = (await _service.GetDefaultProfileAsync(tokenId, platform, cancellationToken).ConfigureAwait(false))?.Id;
            return ids;
        }

        /// <summary>
        /// Whether <paramref name="profile"/> is its platform's default: what the profile says, else whether a
        /// navigation read for its platform (any platform, when its own is unknown) names it.
        /// </summary>
        public static bool IsDefault(EnrollmentProfile profile, IReadOnlyDictionary<string, string?>? navigationIds)
        {
            if (profile is null) throw new ArgumentNullException(nameof(profile));
            if (profile.IsDefault.HasValue) return profile.IsDefault.Value;
            if (navigationIds is null || profile.Id is null) return false;
            bool Names(string? id) => id != null && string.Equals(id, profile.Id, StringComparison.OrdinalIgnoreCase);
            return navigationIds.TryGetValue(profile.Platform, out var nav) ? Names(nav) : navigationIds.Values.Any(Names);
        }

        /// <summary>Whether one profile is its platform's default, reading the navigation only when the profile does not say.</summary>
        public async Task<bool> IsDefaultAsync(string tokenId, EnrollmentProfile profile, CancellationToken cancellationToken)
            => IsDefault(profile, await ReadAsync(tokenId, new[] { profile }, cancellationToken).ConfigureAwait(false));
    }
}
