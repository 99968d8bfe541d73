using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Profiles;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsCommon.Set, "AdeDefaultProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(EnrollmentProfileInfo))]
    public sealed class SetAdeDefaultProfileCommand : AdeGraphCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string TokenId { get; set; } = string.Empty;

        // Alias Id so a profile from Get-AdeEnrollmentProfile binds (it has TokenId and Id).
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeProfileIdCompleter))]
        public string ProfileId { get; set; } = string.Empty;

        [Parameter]
        public SwitchParameter PassThru { get; set; }


        protected override void ProcessRecord()
        {
            DepOnboardingSetting? token;
            EnrollmentProfile? profile;
            try
            {
                token = RunAsync((_, ct) => Service.GetTokenAsync(TokenId, ct));
                if (token is null)
                {
                    WriteError(ErrorRecords.From(RemediationException.TokenNotFound(TokenId)));
                    return;
                }
                profile = RunAsync((_, ct) => Service.GetProfileAsync(TokenId, ProfileId, ct));
            }
            catch (AdeGraphException e)
            {
                WriteError(ErrorRecords.From(e, TokenId));
                return;
            }
            var label = Records.Label(token);
            if (profile is null)
            {
                WriteError(ErrorRecords.From(RemediationException.ProfileNotFound(ProfileId, label)));
                return;
            }
            var profileId = profile.Id ?? ProfileId;
            var name = string.IsNullOrWhiteSpace(profile.DisplayName) ? profileId : $"'{profile.DisplayName}'";

            if (IsDefault(profile) == true)
            {
                WriteVerbose($"{name} is already the default {profile.Platform} profile of {label}; nothing to change.");
            }
            else
            {
                if (!ShouldProcess(label, $"Make enrollment profile {name} the default {profile.Platform} profile (setDefaultProfile)")) return;
                try
                {
                    RunAsync((_, ct) => Service.SetDefaultProfileAsync(TokenId, profileId, ct));
                }
                catch (AdeGraphException e)
                {
                    WriteError(ErrorRecords.From(e, ProfileId));
                    return;
                }
                WriteVerbose($"{name} is now the default {profile.Platform} profile of {label}; devices without a profile of their own get it at their next enrollment.");
            }

            if (!PassThru) return;
            try
            {
                var after = RunAsync((_, ct) => Service.GetProfileAsync(TokenId, profileId, ct));
                if (after is null)
                {
                    WriteError(ErrorRecords.From(RemediationException.ProfileNotFound(ProfileId, label)));
                    return;
                }
                WriteObject(EnrollmentProfileInfo.From(after, token.Id ?? TokenId, token.TokenName, IsDefault(after)));
            }
            catch (AdeGraphException e)
            {
                WriteError(ErrorRecords.From(e, ProfileId));
            }
        }

        // Whether the profile is its platform's default (DefaultProfileLookup), or null when that can't be told.
        private bool? IsDefault(EnrollmentProfile profile)
        {
            try
            {
                return RunAsync((_, ct) => new DefaultProfileLookup(Service).IsDefaultAsync(TokenId, profile, ct));
            }
            catch (AdeGraphException e)
            {
                WriteVerbose($"Could not read the current default {profile.Platform} profile: {e.Message}");
                return null;
            }
        }
    }
}
