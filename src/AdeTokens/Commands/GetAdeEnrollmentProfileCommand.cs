using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsCommon.Get, "AdeEnrollmentProfile")]
    [OutputType(typeof(EnrollmentProfileInfo))]
    public sealed class GetAdeEnrollmentProfileCommand : AdeGraphCmdletBase
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string[]? TokenId { get; set; }

        [Parameter(Position = 1)]
        [Alias("ProfileId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeProfileIdCompleter))]
        public string[]? Id { get; set; }

        [Parameter]
        [Alias("DisplayName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeProfileNameCompleter))]
        public string[]? Name { get; set; }

        // A TokenStatus carries its id as Id, which must not bind to -Id (a profile id); it binds here by type instead.
        [Parameter(ValueFromPipeline = true)]
        public TokenStatus? InputObject { get; set; }
        private readonly Dictionary<string, bool> _profileFound = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        private bool _searchedAll;
        private readonly HashSet<string> _tokensRead = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void BeginWithGraph()
        {
            foreach (var id in Id ?? Array.Empty<string>()) _profileFound[id] = false;
        }

        protected override void ProcessRecord()
        {
            var ids = (TokenId ?? Array.Empty<string>()).Concat(InputObject is null ? Array.Empty<string>() : new[] { InputObject.Id }).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
            if (ids.Count == 0)
            {
                if (_searchedAll) return;
                _searchedAll = true;
                var tokens = ListTokensOrThrow();
                foreach (var t in tokens) Emit(t, reportMissing: false);
                return;
            }

            foreach (var id in ids)
            {
                // Profiles or devices of one token piped in give that token's profiles once.
                if (!_tokensRead.Add(id)) continue;
                var token = GetTokenOrWriteError(id);
                if (token is null) continue;
                Emit(token, reportMissing: true);
            }
        }

        protected override void EndProcessing()
        {
            // Without a token, a profile id is looked for on every token and reported once if none has it.
            if (!_searchedAll) return;
            foreach (var missing in _profileFound.Where(kv => !kv.Value).Select(kv => kv.Key))
            {
                WriteError(ErrorRecords.From(RemediationException.ProfileNotFound(missing, "any ADE token in this tenant")));
            }
        }

        private void Emit(DepOnboardingSetting token, bool reportMissing)
        {
            var tokenId = token.Id ?? string.Empty;
            var label = Records.Label(token);
            var patterns = (Name ?? Array.Empty<string>()).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
            bool Wanted(EnrollmentProfile p) => patterns.Count == 0 || patterns.Any(w => w.IsMatch(p.DisplayName ?? string.Empty));

            string? iosDefault = null, macDefault = null;
            var navigationsRead = false;
            try
            {
                iosDefault = RunAsync((_, ct) => Service.GetDefaultProfileAsync(tokenId, "iOS", ct))?.Id;
                macDefault = RunAsync((_, ct) => Service.GetDefaultProfileAsync(tokenId, "macOS", ct))?.Id;
                navigationsRead = true;
            }
            catch (AdeGraphException e)
            {
                WriteVerbose($"Could not read the default profiles of {label}, so IsDefault comes from each profile's isDefault: {e.Message}");
            }
            EnrollmentProfileInfo Info(EnrollmentProfile p)
                => EnrollmentProfileInfo.From(p, tokenId, token.TokenName, EnrollmentProfileInfo.ResolveIsDefault(p, navigationsRead, iosDefault, macDefault));

            if (Id != null)
            {
                foreach (var pid in Id)
                {
                    EnrollmentProfile? profile;
                    try
                    {
                        profile = RunAsync((_, ct) => Service.GetProfileAsync(tokenId, pid, ct));
                    }
                    catch (AdeGraphException e)
                    {
                        WriteError(ErrorRecords.From(e, pid));
                        continue;
                    }
                    if (profile is null)
                    {
                        if (reportMissing) WriteError(ErrorRecords.From(RemediationException.ProfileNotFound(pid, label)));
                        continue;
                    }
                    _profileFound[pid] = true;
                    if (Wanted(profile)) WriteObject(Info(profile));
                }
                return;
            }

            try
            {
                RunAsync((pipe, ct) => Service.ListProfilesAsync(tokenId, p =>
                {
                    if (Wanted(p)) pipe.WriteObject(Info(p));
                    return true;
                }, ct));
            }
            catch (AdeGraphException e)
            {
                WriteError(ErrorRecords.From(e, tokenId));
            }
        }
    }
}
