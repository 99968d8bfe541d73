using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Remediation;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsCommon.Get, "AdeDevice")]
    [OutputType(typeof(AdeDevice))]
    public sealed class GetAdeDeviceCommand : AdeCmdletBase
    {
        private const int ProgressId = 1;
        // A progress record per device would cost more than the device; one per this many is smooth enough.
        private const int ProgressEvery = 500;

        // Alias Id lets a TokenStatus bind; objects that carry both TokenId and Id (devices, profiles) bind
        // TokenId by name, which PowerShell tries before aliases.
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string[]? TokenId { get; set; }

        [Parameter(Position = 1)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? SerialNumber { get; set; }

        [Parameter]
        public SwitchParameter Unassigned { get; set; }

        [Parameter]
        [ValidateSet("unknown", "enrolled", "pendingReset", "failed", "notContacted", "blocked", IgnoreCase = true)]
        public string[]? EnrollmentState { get; set; }
        private DeviceQuery? _query;
        private bool _searchedAll;

        protected override void BeginProcessing()
        {
            UseGraph();
            var serials = (SerialNumber ?? Array.Empty<string>()).Select(s =>
            {
                var pattern = new WildcardPattern(s.Trim(), WildcardOptions.IgnoreCase);
                return new SerialPattern(s.Trim(), !WildcardPattern.ContainsWildcardCharacters(s), pattern.IsMatch);
            });
            _query = new DeviceQuery(serials, Unassigned, EnrollmentState);
        }

        protected override void ProcessRecord()
        {
            if (TokenId is null || TokenId.Length == 0)
            {
                if (_searchedAll) return;
                _searchedAll = true;
                var tokens = ListTokensOrThrow();
                foreach (var t in tokens)
                {
                    if (_query!.Exhausted) break;
                    Stream(t);
                }
                return;
            }

            foreach (var id in TokenId)
            {
                var token = GetTokenOrWriteError(id);
                if (token is null) continue;
                Stream(token);
            }
        }

        protected override void EndProcessing()
        {
            foreach (var serial in _query!.UnmatchedLiterals)
            {
                WriteError(RemediationErrors.From(new RemediationException(RemediationErrorIds.DeviceNotFound, RemediationErrorKind.NotFound,
                    $"No device with serial number '{serial}' is on {(_searchedAll ? "any ADE token in this tenant" : "the given ADE token(s)")}.",
                    "Check the serial number. A device appears only after it is assigned to the token's MDM server in Apple Business Manager and the token has synced (Sync-AdeToken).",
                    serial)));
            }
        }

        // Devices go to the pipeline one at a time as pages arrive; nothing is collected, so memory stays
        // flat on a 200,000-device token. The bounded queue in RunAsync makes paging wait for the pipeline.
        private void Stream(DepOnboardingSetting token)
        {
            var tokenId = token.Id ?? string.Empty;
            var label = RemediationErrors.Label(token);
            var total = token.SyncedDeviceCount ?? 0;
            var query = _query!;
            var activity = $"Reading the devices of {label}";
            try
            {
                RunAsync((pipe, ct) =>
                {
                    var seen = 0;
                    return Service!.ListDevicesAsync(tokenId, d =>
                    {
                        seen++;
                        if (seen % ProgressEvery == 0)
                        {
                            pipe.WriteProgress(RemediationErrors.DeviceProgress(ProgressId, activity, seen, total));
                        }
                        if (query.Matches(d)) pipe.WriteObject(AdeDevice.From(d, tokenId));
                        return !query.Exhausted;
                    }, ct);
                });
            }
            catch (AdeGraphException e)
            {
                WriteError(GraphError(e, tokenId));
            }
            WriteProgress(new ProgressRecord(ProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
