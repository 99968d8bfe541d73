using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Devices;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsCommon.Get, "AdeDevice")]
    [OutputType(typeof(AdeDevice))]
    public sealed class GetAdeDeviceCommand : AdeGraphCmdletBase
    {
        private const int ProgressId = 1;

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
        private readonly PipedDevices _piped = new PipedDevices();

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
                _piped.Add(this, InputObject);
                return;
            }
            var byName = TokenName != null && TokenName.Length > 0;
            if (byName || TokenId is null || TokenId.Length == 0)
            {
                if (_searchedAll) return;
                _searchedAll = true;
                foreach (var t in byName ? SelectTokensByName(TokenName) : ListTokensOrThrow())
                {
                    if (_query!.Exhausted) break;
                    if (!byName || _streamed.Add(t.Id ?? string.Empty)) Stream(t, null);
                }
                return;
            }
            foreach (var id in TokenId)
            {
                if (!_streamed.Add(id)) continue;
                var token = GetTokenOrWriteError(id);
                if (token != null) Stream(token, null);
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
                if (token != null) Stream(token, kv.Value.Only);
            }
            var where = _searchedAll && !(TokenName?.Length > 0) ? "any ADE token in this tenant" : "the given ADE token(s)";
            foreach (var serial in _query!.UnmatchedLiterals) WriteError(ErrorRecords.From(PipedDeviceRequest.NotFound(serial, where)));
        }

        private void Stream(DepOnboardingSetting token, Func<AdeDevice, bool>? only)
        {
            var label = Records.Label(token);
            var total = token.SyncedDeviceCount ?? 0;
            var activity = $"Reading the devices of {label}";
            try
            {
                var method = RunAsync((pipe, ct) => new DeviceReader(Service).StreamAsync(token, _query!, only, pipe.WriteObject,
                    seen => pipe.WriteProgress(Records.DeviceProgress(ProgressId, activity, seen, total)), pipe.WriteVerbose, ct));
                if (method.HasValue)
                    WriteVerbose($"Looked up {_query!.Serials.Count} serial number(s) on {label} {(method == SerialLookupMethod.Filter ? "with $filter" : "in one pass over its devices")}.");
            }
            catch (AdeGraphException e)
            {
                WriteError(ErrorRecords.From(e, token.Id ?? string.Empty));
            }
            finally
            {
                Records.CompleteProgress(this, ProgressId, activity);
            }
        }
    }
}
