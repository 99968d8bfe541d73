using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Remediation;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsCommon.Set, "AdeDeviceProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProfileAssignmentResult))]
    public sealed class SetAdeDeviceProfileCommand : AdeGraphCmdletBase
    {
        private const int ResolveProgressId = 1;
        private const int AssignProgressId = 2;
        private const int ProgressEvery = 1000;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string TokenId { get; set; } = string.Empty;

        // No Id alias: piped devices carry their own Id, which must never be taken for a profile id.
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeProfileIdCompleter))]
        public string ProfileId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 2, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] SerialNumber { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        // Assigns a profile whose platform does not match a device's (an iOS profile to a Mac): Intune accepts
        // the call, but the device then enrolls with no usable profile.
        [Parameter]
        public SwitchParameter Force { get; set; }

        // Serials arrive one pipeline record at a time; they are grouped per token and profile and assigned in
        // EndProcessing, so that 5,000 piped devices become 5 calls instead of 5,000.
        private readonly Dictionary<string, (string Token, string Profile, List<string> Serials)> _groups = new Dictionary<string, (string, string, List<string>)>(StringComparer.OrdinalIgnoreCase);


        protected override void ProcessRecord()
        {
            var key = TokenId.Trim() + "|" + ProfileId.Trim();
            if (!_groups.TryGetValue(key, out var group))
            {
                group = (TokenId.Trim(), ProfileId.Trim(), new List<string>());
                _groups.Add(key, group);
            }
            group.Serials.AddRange(SerialNumber);
        }

        protected override void EndProcessing()
        {
            // One lookup per token for the serials of all its groups (issue 7: one pass per token, not one per serial or
            // per profile), then one assignment per profile. Groups run in pipeline order; Dictionary enumeration keeps
            // insertion order when nothing is removed.
            foreach (var byToken in _groups.Values.GroupBy(g => g.Token, StringComparer.OrdinalIgnoreCase))
            {
                var tokenId = byToken.Key;
                DepOnboardingSetting? token;
                try
                {
                    token = RunAsync((_, ct) => Service.GetTokenAsync(tokenId, ct));
                }
                catch (AdeGraphException e)
                {
                    WriteError(ErrorRecords.From(e, tokenId));
                    continue;
                }
                if (token is null)
                {
                    WriteError(ErrorRecords.From(RemediationException.TokenNotFound(tokenId)));
                    continue;
                }

                // 1. Resolve every serial against the token before changing anything (lookups run under -WhatIf).
                var all = new SerialResolver(byToken.SelectMany(g => g.Serials));
                if (!Resolve(token, all)) continue;
                foreach (var group in byToken) Assign(token, group.Profile, group.Serials, all);
            }
        }

        private void Assign(DepOnboardingSetting token, string profileId, List<string> serials, SerialResolver all)
        {
            var tokenId = token.Id ?? string.Empty;
            EnrollmentProfile? profile;
            try
            {
                profile = RunAsync((_, ct) => Service.GetProfileAsync(tokenId, profileId, ct));
            }
            catch (AdeGraphException e)
            {
                WriteError(ErrorRecords.From(e, tokenId));
                return;
            }
            var label = Records.Label(token);
            if (profile is null)
            {
                WriteError(ErrorRecords.From(RemediationException.ProfileNotFound(profileId, label)));
                return;
            }
            var profileName = string.IsNullOrWhiteSpace(profile.DisplayName) ? profileId : $"'{profile.DisplayName}'";

            // This group's serials, answered from the token's one lookup.
            var resolver = new SerialResolver(serials);
            foreach (var requested in resolver.Requested)
            {
                if (all.TryGetFound(requested, out var spelled)) resolver.Observe(new ImportedAppleDeviceIdentity { SerialNumber = spelled, Platform = all.PlatformOf(spelled) });
            }
            var profilePlatform = profile.Platform;
            var mismatched = Force ? new List<string>() : resolver.Found.Where(f => !SerialResolver.PlatformsMatch(profilePlatform, resolver.PlatformOf(f))).ToList();
            var found = resolver.Found.Except(mismatched, StringComparer.OrdinalIgnoreCase).ToList();
            // Only say the others are still assigned when there are others.
            var others = found.Count > 0 ? " The other serial numbers are still assigned." : string.Empty;
            foreach (var missing in resolver.NotFound)
            {
                WriteError(ErrorRecords.From(new RemediationException(RemediationErrorIds.DeviceNotFound, RemediationErrorKind.NotFound,
                    $"No device with serial number '{missing}' is on {label}; it was not assigned.{others}",
                    "Check the serial number. A device appears only after it is assigned to the token's MDM server in Apple Business Manager and the token has synced (Sync-AdeToken).",
                    missing)));
            }
            foreach (var serial in mismatched)
            {
                WriteError(ErrorRecords.From(new RemediationException(RemediationErrorIds.ProfilePlatformMismatch, RemediationErrorKind.InvalidArgument,
                    $"Enrollment profile {profileName} is for {profilePlatform}, but device '{serial}' on {label} is {resolver.PlatformOf(serial)}; it was not assigned.{others}",
                    $"Choose a {resolver.PlatformOf(serial)} profile (Get-AdeEnrollmentProfile -TokenId {tokenId} | Where-Object Platform -eq '{resolver.PlatformOf(serial)}'), or add -Force to assign it anyway.",
                    serial)));
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
            if (found.Count == 0)
            {
                WriteVerbose(mismatched.Count > 0 ? $"None of the serial numbers can take {profileName} on {label}; nothing was assigned." : $"None of the serial numbers is on {label}; nothing to assign.");
                if (PassThru) WriteObject(result);
                return;
            }

            // 2. The change, in batches.
            var sample = string.Join(", ", found.Take(3)) + (found.Count > 3 ? $" and {found.Count - 3} more" : string.Empty);
            if (!ShouldProcess($"{found.Count} device(s) on {label} ({sample})", $"Assign enrollment profile {profileName} (updateDeviceProfileAssignment)")) return;

            var assigned = new List<string>();
            var failed = new List<string>();
            var batches = Batching.Chunk(found, Batching.DeviceAssignmentBatchSize).ToList();
            for (var i = 0; i < batches.Count; i++)
            {
                var batch = batches[i];
                WriteProgress(new ProgressRecord(AssignProgressId, $"Assigning {profileName} on {label}", $"Batch {i + 1} of {batches.Count} ({batch.Count} devices)")
                {
                    PercentComplete = i * 100 / batches.Count,
                });
                try
                {
                    RunAsync((_, ct) => Service.UpdateDeviceProfileAssignmentAsync(tokenId, profile.Id ?? profileId, batch, ct));
                    assigned.AddRange(batch);
                    result.Batches++;
                }
                catch (AdeGraphException e)
                {
                    result.Batches++;
                    failed.AddRange(batch);
                    var record = ErrorRecords.From(e, batch.ToArray());
                    record.ErrorDetails = new ErrorDetails($"Batch {i + 1} of {batches.Count} ({batch.Count} devices, {batch[0]} to {batch[batch.Count - 1]}) was not assigned: {e.Message}")
                    {
                        RecommendedAction = e.RecommendedAction ?? "Run the command again for these serial numbers.",
                    };
                    WriteError(record);
                }
            }
            WriteProgress(new ProgressRecord(AssignProgressId, $"Assigning {profileName} on {label}", "Done") { RecordType = ProgressRecordType.Completed });
            WriteVerbose($"Assigned {profileName} to {assigned.Count} of {resolver.Requested.Count} device(s) on {label} in {result.Batches} call(s).");
            result.Assigned = assigned.ToArray();
            result.Failed = failed.ToArray();
            if (PassThru) WriteObject(result);
        }

        // Looks the serials up with Microsoft's documented $filter (a request per serial), or, when Graph answers 400 or
        // there are many serials, in one pass over the token's devices; only the requested serials are kept.
        private bool Resolve(DepOnboardingSetting token, SerialResolver resolver)
        {
            var tokenId = token.Id ?? string.Empty;
            var total = token.SyncedDeviceCount ?? 0;
            var activity = $"Looking up {resolver.Requested.Count} serial number(s) on {Records.Label(token)}";
            SerialLookupMethod method;
            try
            {
                method = RunAsync((pipe, ct) => SerialLookup.FindAsync(Service, tokenId, resolver.Requested, d =>
                {
                    resolver.Observe(d);
                    return !resolver.AllFound;
                }, seen =>
                {
                    if (seen % ProgressEvery == 0) pipe.WriteProgress(Records.DeviceProgress(ResolveProgressId, activity, seen, total, " checked"));
                }, ct));
            }
            catch (AdeGraphException e)
            {
                WriteError(ErrorRecords.From(e, tokenId));
                return false;
            }
            WriteVerbose(method == SerialLookupMethod.Filter
                ? $"Looked up {resolver.Requested.Count} serial number(s) on {Records.Label(token)} with $filter."
                : $"Looked up {resolver.Requested.Count} serial number(s) on {Records.Label(token)} in one pass over its devices.");
            WriteProgress(new ProgressRecord(ResolveProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            return true;
        }
    }
}
