using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Devices;

namespace AdeTokens.Profiles
{
    /// <summary>
    /// Set-AdeDeviceProfile's work: one lookup per token for the serials of all its profiles, then per profile a
    /// plan (which serials can take it) and the assignment in batches.
    /// </summary>
    public sealed class ProfileAssigner
    {
        private readonly AdeGraphService _service;

        /// <summary>Creates the assigner over Graph.</summary>
        public ProfileAssigner(AdeGraphService service) => _service = service ?? throw new ArgumentNullException(nameof(service));

        /// <summary>
        /// Looks the serials up with Microsoft's documented $filter (a request per serial), or, when Graph answers 400 or
        /// there are many serials, in one pass over the token's devices; only the requested serials are kept.
        /// </summary>
        public Task<SerialLookupMethod> ResolveAsync(DepOnboardingSetting token, SerialResolver resolver, Action<int> checkedSoFar, CancellationToken cancellationToken)
            => SerialLookup.FindAsync(_service, token.Id ?? string.Empty, resolver.Requested, d =>
            {
                resolver.Observe(d);
                return !resolver.AllFound;
            }, checkedSoFar, cancellationToken);

        /// <summary>
        /// The plan for <paramref name="serials"/> and <paramref name="profileId"/>, answered from the token's one lookup
        /// (<paramref name="all"/>). Reads the profile; throws RemediationException ProfileNotFound or AdeGraphException.
        /// </summary>
        public async Task<ProfileAssignmentPlan> PlanAsync(DepOnboardingSetting token, string profileId, IEnumerable<string> serials, SerialResolver all, bool force, CancellationToken cancellationToken)
        {
            var tokenId = token.Id ?? string.Empty;
            var label = TokenLabel.Of(token);
            var profile = await _service.GetProfileAsync(tokenId, profileId, cancellationToken).ConfigureAwait(false)
                ?? throw RemediationException.ProfileNotFound(profileId, label);
            var profileName = string.IsNullOrWhiteSpace(profile.DisplayName) ? profileId : $"'{profile.DisplayName}'";

            var resolver = new SerialResolver(serials);
            foreach (var requested in resolver.Requested)
            {
                if (all.TryGetFound(requested, out var spelled)) resolver.Observe(new ImportedAppleDeviceIdentity { SerialNumber = spelled, Platform = all.PlatformOf(spelled) });
            }
            var mismatched = force ? new List<string>() : resolver.Found.Where(f => !SerialResolver.PlatformsMatch(profile.Platform, resolver.PlatformOf(f))).ToList();
            var found = resolver.Found.Except(mismatched, StringComparer.OrdinalIgnoreCase).ToList();
            // Only say the others are still assigned when there are others.
            var others = found.Count > 0 ? " The other serial numbers are still assigned." : string.Empty;
            var refusals = new List<RemediationException>();
            foreach (var missing in resolver.NotFound)
            {
                refusals.Add(new RemediationException(RemediationErrorIds.DeviceNotFound, RemediationErrorKind.NotFound,
                    $"No device with serial number '{missing}' is on {label}; it was not assigned.{others}",
                    "Check the serial number. A device appears only after it is assigned to the token's MDM server in Apple Business Manager and the token has synced (Sync-AdeToken).",
                    missing));
            }
            foreach (var serial in mismatched)
            {
                refusals.Add(new RemediationException(RemediationErrorIds.ProfilePlatformMismatch, RemediationErrorKind.InvalidArgument,
                    $"Enrollment profile {profileName} is for {profile.Platform}, but device '{serial}' on {label} is {resolver.PlatformOf(serial)}; it was not assigned.{others}",
                    $"Choose a {resolver.PlatformOf(serial)} profile (Get-AdeEnrollmentProfile -TokenId {tokenId} | Where-Object Platform -eq '{resolver.PlatformOf(serial)}'), or add -Force to assign it anyway.",
                    serial));
            }
            var result = new ProfileAssignmentResult
            {
                TokenId = token.Id ?? tokenId,
                TokenName = token.TokenName,
                ProfileId = profile.Id ?? profileId,
                ProfileName = profile.DisplayName,
                Requested = resolver.Requested.Count,
                NotFound = resolver.NotFound.ToArray(),
                PlatformMismatch = mismatched.ToArray(),
                BatchSize = Batching.DeviceAssignmentBatchSize,
            };
            return new ProfileAssignmentPlan(token, profile, profileName, found, refusals, result);
        }

        /// <summary>
        /// Assigns the plan's serials in batches. <paramref name="onBatch"/> hears each batch before it is sent (index,
        /// count); a refused batch goes to <paramref name="onFailed"/> with its message, and the others still go.
        /// </summary>
        public async Task AssignAsync(ProfileAssignmentPlan plan, Action<int, int, IReadOnlyList<string>> onBatch, Action<AdeGraphException, IReadOnlyList<string>, string> onFailed, CancellationToken cancellationToken)
        {
            var tokenId = plan.Token.Id ?? string.Empty;
            var profileId = plan.Profile.Id ?? plan.Result.ProfileId;
            var assigned = new List<string>();
            var failed = new List<string>();
            var batches = Batching.Chunk(plan.Found, Batching.DeviceAssignmentBatchSize).ToList();
            for (var i = 0; i < batches.Count; i++)
            {
                var batch = batches[i];
                onBatch(i, batches.Count, batch);
                try
                {
                    await _service.UpdateDeviceProfileAssignmentAsync(tokenId, profileId, batch, cancellationToken).ConfigureAwait(false);
                    assigned.AddRange(batch);
                    plan.Result.Batches++;
                }
                catch (AdeGraphException e)
                {
                    plan.Result.Batches++;
                    failed.AddRange(batch);
                    onFailed(e, batch, $"Batch {i + 1} of {batches.Count} ({batch.Count} devices, {batch[0]} to {batch[batch.Count - 1]}) was not assigned: {e.Message}");
                }
            }
            plan.Result.Assigned = assigned.ToArray();
            plan.Result.Failed = failed.ToArray();
        }
    }
}
