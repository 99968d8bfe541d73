using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Remediation;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsCommon.Get, "AdeDevice")]
    [OutputType(typeof(AdeDevice))]
    public sealed class GetAdeDeviceCommand : AdeGraphCmdletBase
    {
        private const int ProgressId = 1;
        // A progress record per device would cost more than the device; one per this many is smooth enough.
        private const int ProgressEvery = 500;
        // Write-Progress at most this often: every record costs the console host a cursor round-trip, and a
        // flood of them made Ctrl+C hang the console while the pipeline thread waited on the host.
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        // Not from the pipeline: a piped object binds InputObject, which knows that a profile's or a device's
        // Id is not a token id.
        [Parameter(Position = 0)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string[]? TokenId { get; set; }

        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? TokenName { get; set; }

        [Parameter(Position = 1)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? SerialNumber { get; set; }

        [Parameter]
        public SwitchParameter Unassigned { get; set; }

        [Parameter]
        [ValidateSet("unknown", "enrolled", "pendingReset", "failed", "notContacted", "blocked", IgnoreCase = true)]
        public string[]? EnrollmentState { get; set; }

        // A token (its devices), a profile (the devices assigned to it), a device (itself, read again), or
        // anything else with a TokenId (that token's devices).
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        private DeviceQuery? _query;
        private bool _searchedAll;
        private readonly HashSet<string> _streamed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, PipedRequest> _piped = new Dictionary<string, PipedRequest>(StringComparer.OrdinalIgnoreCase);

        private sealed class PipedRequest
        {
            public bool All;
            public readonly HashSet<string> Profiles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            public readonly HashSet<string> Devices = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        protected override void BeginWithGraph()
        {
            var serials = (SerialNumber ?? Array.Empty<string>()).Select(s =>
            {
                var pattern = new WildcardPattern(s.Trim(), WildcardOptions.IgnoreCase);
                return new SerialPattern(s.Trim(), !WildcardPattern.ContainsWildcardCharacters(s), pattern.IsMatch);
            });
            _query = new DeviceQuery(serials, Unassigned, EnrollmentState);
        }

        protected override void ProcessRecord()
        {
            if (InputObject != null)
            {
                Collect(InputObject);
                return;
            }
            if (TokenName != null && TokenName.Length > 0)
            {
                if (_searchedAll) return;
                _searchedAll = true;
                foreach (var t in SelectTokensByName(TokenName))
                {
                    if (_query!.Exhausted) break;
                    if (_streamed.Add(t.Id ?? string.Empty)) Stream(t, null);
                }
                return;
            }
            if (TokenId is null || TokenId.Length == 0)
            {
                if (_searchedAll) return;
                _searchedAll = true;
                var tokens = ListTokensOrThrow();
                foreach (var t in tokens)
                {
                    if (_query!.Exhausted) break;
                    Stream(t, null);
                }
                return;
            }

            foreach (var id in TokenId)
            {
                if (!_streamed.Add(id)) continue;
                var token = GetTokenOrWriteError(id);
                if (token is null) continue;
                Stream(token, null);
            }
        }

        private void Collect(PSObject input)
        {
            string? tokenId;
            PipedRequest Request(string id)
            {
                if (!_piped.TryGetValue(id, out var r)) _piped[id] = r = new PipedRequest();
                return r;
            }
            switch (input.BaseObject)
            {
                case EnrollmentProfileInfo p when !string.IsNullOrEmpty(p.TokenId):
                    Request(p.TokenId).Profiles.Add(p.Id);
                    return;
                case AdeDevice d when !string.IsNullOrEmpty(d.TokenId):
                    Request(d.TokenId).Devices.Add(d.Id);
                    return;
                default:
                    tokenId = PipelineInput.TokenId(this, input);
                    if (!string.IsNullOrWhiteSpace(tokenId)) Request(tokenId!).All = true;
                    return;
            }
        }

        protected override void EndProcessing()
        {
            // Piped objects are gathered first, so each token is read once however many of its profiles or
            // devices came down the pipe.
            foreach (var kv in _piped)
            {
                if (_query!.Exhausted) break;
                if (!_streamed.Add(kv.Key)) continue;
                var token = GetTokenOrWriteError(kv.Key);
                if (token is null) continue;
                var r = kv.Value;
                Func<AdeDevice, bool>? only = r.All ? null : d => r.Devices.Contains(d.Id) || (d.RequestedEnrollmentProfileId != null && r.Profiles.Contains(d.RequestedEnrollmentProfileId));
                Stream(token, only);
            }
            foreach (var serial in _query!.UnmatchedLiterals)
            {
                WriteError(ErrorRecords.From(new RemediationException(RemediationErrorIds.DeviceNotFound, RemediationErrorKind.NotFound,
                    $"No device with serial number '{serial}' is on {(_searchedAll && (TokenName is null || TokenName.Length == 0) ? "any ADE token in this tenant" : "the given ADE token(s)")}.",
                    "Check the serial number. A device appears only after it is assigned to the token's MDM server in Apple Business Manager and the token has synced (Sync-AdeToken).",
                    serial)));
            }
        }

        // Profile names for the table's Profile column: one list per token, not one read per device.
        private async Task ReadProfileNamesAsync(string tokenId, string label, ProfileNames names, AsyncPipe pipe, CancellationToken ct)
        {
            try
            {
                await Service.ListProfilesAsync(tokenId, p => { if (p.Id != null) names[p.Id] = p.DisplayName; return true; }, ct).ConfigureAwait(false);
            }
            catch (AdeGraphException e)
            {
                pipe.WriteVerbose($"Could not read the profile names of {label}, so the Profile column shows ids: {e.Message}");
            }
        }

        // Devices go to the pipeline one at a time as pages arrive; nothing is collected, so memory stays
        // flat on a 200,000-device token. The bounded queue in RunAsync makes paging wait for the pipeline.
        private void Stream(DepOnboardingSetting token, Func<AdeDevice, bool>? only)
        {
            var tokenId = token.Id ?? string.Empty;
            var label = Records.Label(token);
            var total = token.SyncedDeviceCount ?? 0;
            var query = _query!;
            var activity = $"Reading the devices of {label}";
            var names = new ProfileNames();
            try
            {
                try
                {
                    // Literal serials only: Microsoft's documented $filter finds each without reading the whole token, and
                    // SerialLookup streams once instead when Graph answers 400.
                    if (only is null && query.Serials.Count > 0 && query.Serials.All(p => p.IsLiteral))
                    {
                        var literals = query.Serials.Select(p => p.Text).ToList();
                        var method = RunAsync(async (pipe, ct) =>
                        {
                            await ReadProfileNamesAsync(tokenId, label, names, pipe, ct).ConfigureAwait(false);
                            return await SerialLookup.FindAsync(Service, tokenId, literals, d =>
                            {
                                if (query.Matches(d))
                                {
                                    var device = AdeDevice.From(d, tokenId);
                                    device.TokenName = token.TokenName;
                                    device.ProfileName = device.RequestedEnrollmentProfileId is null ? null : names.Get(device.RequestedEnrollmentProfileId);
                                    pipe.WriteObject(device);
                                }
                                return !query.Exhausted;
                            }, seen =>
                            {
                                if (seen % ProgressEvery == 0) pipe.WriteProgress(Records.DeviceProgress(ProgressId, activity, seen, total));
                            }, ct).ConfigureAwait(false);
                        });
                        WriteVerbose(method == SerialLookupMethod.Filter
                            ? $"Looked up {literals.Count} serial number(s) on {label} with $filter."
                            : $"Looked up {literals.Count} serial number(s) on {label} in one pass over its devices.");
                        return;
                    }

                    RunAsync(async (pipe, ct) =>
                    {
                        await ReadProfileNamesAsync(tokenId, label, names, pipe, ct).ConfigureAwait(false);
                        var seen = 0;
                        var lastProgress = DateTime.UtcNow - ProgressInterval;
                        await Service.ListDevicesAsync(tokenId, d =>
                        {
                            seen++;
                            if (seen % ProgressEvery == 0 && DateTime.UtcNow - lastProgress >= ProgressInterval)
                            {
                                lastProgress = DateTime.UtcNow;
                                pipe.WriteProgress(Records.DeviceProgress(ProgressId, activity, seen, total));
                            }
                            if (query.Matches(d))
                            {
                                var device = AdeDevice.From(d, tokenId);
                                if (only is null || only(device))
                                {
                                    device.TokenName = token.TokenName;
                                    device.ProfileName = device.RequestedEnrollmentProfileId is null ? null : names.Get(device.RequestedEnrollmentProfileId);
                                    pipe.WriteObject(device);
                                }
                            }
                            return !query.Exhausted;
                        }, ct).ConfigureAwait(false);
                    });
                }
                catch (AdeGraphException e)
                {
                    WriteError(ErrorRecords.From(e, tokenId));
                }
            }
            finally
            {
                // Also when stopped (Ctrl+C, Select-Object -First): a progress bar left open keeps the console busy.
                CompleteProgress(activity);
            }
        }

        private void CompleteProgress(string activity)
        {
            try
            {
                WriteProgress(new ProgressRecord(ProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
            catch (PipelineStoppedException)
            {
                // Stopping: the pipeline takes no more records; the host clears its progress display itself.
            }
        }

        private sealed class ProfileNames : Dictionary<string, string?>
        {
            public ProfileNames() : base(StringComparer.OrdinalIgnoreCase) { }
            public string? Get(string id) => TryGetValue(id, out var n) ? n : null;
        }
    }
}
