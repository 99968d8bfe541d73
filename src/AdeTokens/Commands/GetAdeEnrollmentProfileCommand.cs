using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Profiles;

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

        private DefaultProfileLookup _defaults = null!;

        protected override void BeginWithGraph()
        {
            _defaults = new DefaultProfileLookup(Service);
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
            var patterns = (Name ?? Array.Empty<string>()).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
            var profiles = new List<EnrollmentProfile>();
            try
            {
                if (Id is null) RunAsync((_, ct) => Service.ListProfilesAsync(tokenId, p => { profiles.Add(p); return true; }, ct));
            }
            catch (AdeGraphException e)
            {
                WriteError(ErrorRecords.From(e, tokenId));
                return;
            }
            foreach (var pid in Id ?? Array.Empty<string>())
            {
                var profile = ReadProfile(tokenId, pid, reportMissing ? Records.Label(token) : null);
                if (profile is null) continue;
                _profileFound[pid] = true;
                profiles.Add(profile);
            }
            // Filtered first: the navigations are read only for platforms the wanted profiles leave open.
            profiles = profiles.Where(p => patterns.Count == 0 || patterns.Any(w => w.IsMatch(p.DisplayName ?? string.Empty))).ToList();
            IReadOnlyDictionary<string, string?>? navigations = null;
            try
            {
                navigations = RunAsync((_, ct) => _defaults.ReadAsync(tokenId, profiles, ct));
            }
            catch (AdeGraphException e)
            {
                WriteVerbose($"Could not read the default profiles of {Records.Label(token)}, so IsDefault comes from each profile's isDefault: {e.Message}");
            }
            foreach (var p in profiles) WriteObject(EnrollmentProfileInfo.From(p, tokenId, token.TokenName, DefaultProfileLookup.IsDefault(p, navigations)));
        }

        // The profile, or null with its error written (ProfileNotFound only when <paramref name="label"/> names the token asked for).
        private EnrollmentProfile? ReadProfile(string tokenId, string profileId, string? label)
        {
            try
            {
                var profile = RunAsync((_, ct) => Service.GetProfileAsync(tokenId, profileId, ct));
                if (profile is null && label != null) WriteError(ErrorRecords.From(RemediationException.ProfileNotFound(profileId, label)));
                return profile;
            }
            catch (AdeGraphException e)
            {
                WriteError(ErrorRecords.From(e, profileId));
                return null;
            }
        }
    }
}
