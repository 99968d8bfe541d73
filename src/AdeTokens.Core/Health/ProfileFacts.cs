using System;
using System.Collections.Generic;
using System.Linq;
using AdeTokens.Graph.Models;

namespace AdeTokens.Health
{
    /// <summary>A token's enrollment profiles, as far as health rules care.</summary>
    public sealed class ProfileFacts
    {
        /// <summary>
        /// Whether profiles were looked up. False (the default) means no profile findings, so a facts object
        /// nobody filled in can't claim a default profile is missing.
        /// </summary>
        public bool Checked { get; set; }
        /// <summary>Whether the token has a default iOS/iPadOS enrollment profile.</summary>
        public bool HasDefaultIos { get; set; }
        /// <summary>Whether the token has a default macOS enrollment profile.</summary>
        public bool HasDefaultMacOs { get; set; }
        /// <summary>Whether the token has a default tvOS enrollment profile.</summary>
        public bool HasDefaultTvOs { get; set; }
        /// <summary>Whether the token has a default visionOS enrollment profile.</summary>
        public bool HasDefaultVisionOs { get; set; }
        /// <summary>The token's enrollment profiles.</summary>
        public IReadOnlyList<EnrollmentProfile> Profiles { get; set; } = Array.Empty<EnrollmentProfile>();

        /// <summary>
        /// Facts from a profile listing (sets Checked). Defaults come from each derived profile's isDefault; pass
        /// the ids from the defaultIosEnrollmentProfile / defaultMacOsEnrollmentProfile navigations when you have
        /// them, because those are what Intune actually uses.
        /// </summary>
        public static ProfileFacts FromProfiles(IEnumerable<EnrollmentProfile>? profiles, string? defaultIosProfileId = null, string? defaultMacOsProfileId = null)
        {
            var list = (profiles ?? Enumerable.Empty<EnrollmentProfile>()).Where(p => p != null).ToArray();
            bool IsDefaultFor(EnrollmentProfile p, string platform, string? navId)
                => string.Equals(p.Platform, platform, StringComparison.Ordinal)
                   && (p.IsDefault == true || (!string.IsNullOrEmpty(navId) && string.Equals(p.Id, navId, StringComparison.OrdinalIgnoreCase)));
            return new ProfileFacts
            {
                Checked = true,
                Profiles = list,
                HasDefaultIos = !string.IsNullOrEmpty(defaultIosProfileId) || list.Any(p => IsDefaultFor(p, "iOS", defaultIosProfileId)),
                HasDefaultMacOs = !string.IsNullOrEmpty(defaultMacOsProfileId) || list.Any(p => IsDefaultFor(p, "macOS", defaultMacOsProfileId)),
            };
        }

        /// <summary>The four ADE platforms as EnrollmentProfile.Platform names them.</summary>
        public static readonly string[] Platforms = { "iOS", "macOS", "tvOS", "visionOS" };

        /// <summary>Whether the token has a default profile for <paramref name="platform"/> (an EnrollmentProfile.Platform name).</summary>
        public bool HasDefault(string platform)
            => string.Equals(platform, "iOS", StringComparison.OrdinalIgnoreCase) ? HasDefaultIos
             : string.Equals(platform, "macOS", StringComparison.OrdinalIgnoreCase) ? HasDefaultMacOs
             : string.Equals(platform, "tvOS", StringComparison.OrdinalIgnoreCase) ? HasDefaultTvOs
             : string.Equals(platform, "visionOS", StringComparison.OrdinalIgnoreCase) && HasDefaultVisionOs;

        /// <summary>
        /// Facts from a profile listing plus, per platform, the id the default…EnrollmentProfile navigation
        /// returned (null or missing: none read). A profile's own isDefault counts as well.
        /// </summary>
        public static ProfileFacts FromProfiles(IEnumerable<EnrollmentProfile>? profiles, IReadOnlyDictionary<string, string?>? defaultIdsByPlatform)
        {
            string? Nav(string platform) => defaultIdsByPlatform != null && defaultIdsByPlatform.TryGetValue(platform, out var id) ? id : null;
            var facts = FromProfiles(profiles, Nav("iOS"), Nav("macOS"));
            var list = facts.Profiles;
            bool Has(string platform)
            {
                var nav = Nav(platform);
                return !string.IsNullOrEmpty(nav) || list.Any(p => string.Equals(p.Platform, platform, StringComparison.Ordinal) && p.IsDefault == true);
            }
            facts.HasDefaultTvOs = Has("tvOS");
            facts.HasDefaultVisionOs = Has("visionOS");
            return facts;
        }

        /// <inheritdoc />
        public override string ToString()
            => Checked ? $"{Profiles.Count} profile(s); default iOS/iPadOS: {HasDefaultIos}; default macOS: {HasDefaultMacOs}" : "Profiles not checked";
    }
}
