using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AdeTokens.Graph.Models;
using AdeTokens.Devices;
using AdeTokens.Profiles;

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
            var assigner = new ProfileAssigner(Service);
            // One lookup per token for the serials of all its groups (issue 7: one pass per token, not one per serial or
            // per profile), then one assignment per profile. Groups run in pipeline order; Dictionary enumeration keeps
            // insertion order when nothing is removed.
            foreach (var byToken in _groups.Values.GroupBy(g => g.Token, StringComparer.OrdinalIgnoreCase))
            {
                var tokenId = byToken.Key;
                try
                {
                    var token = RunAsync((_, ct) => Service.GetTokenAsync(tokenId, ct)) ?? throw RemediationException.TokenNotFound(tokenId);
                    // 1. Resolve every serial against the token before changing anything (lookups run under -WhatIf).
                    var all = new SerialResolver(byToken.SelectMany(g => g.Serials));
                    Resolve(assigner, token, all);
                    foreach (var group in byToken) Assign(assigner, token, group.Profile, group.Serials, all);
                }
                catch (AdeException e)
                {
                    WriteError(ErrorRecords.FromOr(e, tokenId));
                }
            }
        }

        private void Assign(ProfileAssigner assigner, DepOnboardingSetting token, string profileId, List<string> serials, SerialResolver all)
        {
            ProfileAssignmentPlan plan;
            try
            {
                plan = RunAsync((_, ct) => assigner.PlanAsync(token, profileId, serials, all, Force, ct));
            }
            catch (AdeException e)
            {
                WriteError(ErrorRecords.FromOr(e, token.Id ?? string.Empty));
                return;
            }
            foreach (var refusal in plan.Refusals) WriteError(ErrorRecords.From(refusal));
            var (label, profileName, found) = (plan.Label, plan.ProfileName, plan.Found);
            if (found.Count == 0)
            {
                WriteVerbose(plan.Result.PlatformMismatch.Count > 0 ? $"None of the serial numbers can take {profileName} on {label}; nothing was assigned." : $"None of the serial numbers is on {label}; nothing to assign.");
                if (PassThru) WriteObject(plan.Result);
                return;
            }

            // 2. The change, in batches.
            var sample = string.Join(", ", found.Take(3)) + (found.Count > 3 ? $" and {found.Count - 3} more" : string.Empty);
            if (!ShouldProcess($"{found.Count} device(s) on {label} ({sample})", $"Assign enrollment profile {profileName} (updateDeviceProfileAssignment)")) return;
            var activity = $"Assigning {profileName} on {label}";
            RunAsync((pipe, ct) => assigner.AssignAsync(plan,
                (i, count, batch) => pipe.WriteProgress(new ProgressRecord(AssignProgressId, activity, $"Batch {i + 1} of {count} ({batch.Count} devices)") { PercentComplete = i * 100 / count }),
                (e, batch, message) => pipe.WriteError(ErrorRecords.From(e, batch.ToArray(), message, e.RecommendedAction ?? "Run the command again for these serial numbers.")),
                ct));
            WriteProgress(new ProgressRecord(AssignProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            WriteVerbose($"Assigned {profileName} to {plan.Result.Assigned.Count} of {plan.Result.Requested} device(s) on {label} in {plan.Result.Batches} call(s).");
            if (PassThru) WriteObject(plan.Result);
        }

        private void Resolve(ProfileAssigner assigner, DepOnboardingSetting token, SerialResolver resolver)
        {
            var total = token.SyncedDeviceCount ?? 0;
            var label = Records.Label(token);
            var activity = $"Looking up {resolver.Requested.Count} serial number(s) on {label}";
            var method = RunAsync((pipe, ct) => assigner.ResolveAsync(token, resolver, seen =>
            {
                if (seen % ProgressEvery == 0) pipe.WriteProgress(Records.DeviceProgress(ResolveProgressId, activity, seen, total, " checked"));
            }, ct));
            WriteVerbose(method == SerialLookupMethod.Filter
                ? $"Looked up {resolver.Requested.Count} serial number(s) on {label} with $filter."
                : $"Looked up {resolver.Requested.Count} serial number(s) on {label} in one pass over its devices.");
            WriteProgress(new ProgressRecord(ResolveProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
