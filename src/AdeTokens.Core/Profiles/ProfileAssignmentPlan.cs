using System.Collections.Generic;
using AdeTokens.Graph.Models;

namespace AdeTokens.Profiles
{
    /// <summary>One profile's assignment, checked before anything changes: which serials can take it, and why the others can't.</summary>
    public sealed class ProfileAssignmentPlan
    {
        internal ProfileAssignmentPlan(DepOnboardingSetting token, EnrollmentProfile profile, string profileName, IReadOnlyList<string> found,
            IReadOnlyList<RemediationException> refusals, ProfileAssignmentResult result)
        {
            Token = token;
            Profile = profile;
            ProfileName = profileName;
            Found = found;
            Refusals = refusals;
            Result = result;
        }

        /// <summary>The token.</summary>
        public DepOnboardingSetting Token { get; }
        /// <summary>The profile.</summary>
        public EnrollmentProfile Profile { get; }
        /// <summary>"'Name'" or the id, for messages.</summary>
        public string ProfileName { get; }
        /// <summary>"'Name' (id)" of the token, for messages.</summary>
        public string Label => TokenLabel.Of(Token);
        /// <summary>The serials to assign, as the token spells them.</summary>
        public IReadOnlyList<string> Found { get; }
        /// <summary>DeviceNotFound and ProfilePlatformMismatch, one per serial left out.</summary>
        public IReadOnlyList<RemediationException> Refusals { get; }
        /// <summary>The -PassThru result, filled in as the batches go.</summary>
        public ProfileAssignmentResult Result { get; }
    }
}
