using System;
using AdeTokens.Graph.Models;
namespace AdeTokens
{
    /// <summary>An imported Apple device identity (a device ABM/ASM assigned to the token) as Get-AdeDevice shows it.</summary>
    public sealed class AdeDevice
    {
        /// <summary>The token the device is on.</summary>
        public string TokenId { get; set; } = string.Empty;
        /// <summary>That token's name (the table's Token column, for output over several tokens).</summary>
        public string? TokenName { get; set; }
        /// <summary>importedAppleDeviceIdentity id.</summary>
        public string Id { get; set; } = string.Empty;
        /// <summary>Serial number.</summary>
        public string? SerialNumber { get; set; }
        /// <summary>ios, macOS, …, as Graph reports it.</summary>
        public string? Platform { get; set; }
        /// <summary>unknown, enrolled, pendingReset, failed, notContacted or blocked.</summary>
        public string? EnrollmentState { get; set; }
        /// <summary>The profile assigned for the next enrollment; null when none.</summary>
        public string? RequestedEnrollmentProfileId { get; set; }
        /// <summary>The assigned profile's display name, when Get-AdeDevice could read the token's profiles.</summary>
        public string? ProfileName { get; set; }
        /// <summary>When that profile was assigned; null when never.</summary>
        public DateTimeOffset? RequestedEnrollmentProfileAssignmentDateTime { get; set; }
        /// <summary>True when no profile is assigned (the device gets the token's default profile, if any).</summary>
        public bool IsUnassigned => string.IsNullOrEmpty(RequestedEnrollmentProfileId);
        /// <summary>Supervised.</summary>
        public bool? IsSupervised { get; set; }
        /// <summary>unknown, adminImport or deviceEnrollmentProgram.</summary>
        public string? DiscoverySource { get; set; }
        /// <summary>Whether the device was removed from ABM/ASM.</summary>
        public bool? IsDeleted { get; set; }
        /// <summary>Created; null when never.</summary>
        public DateTimeOffset? CreatedDateTime { get; set; }
        /// <summary>Last contact; null when never.</summary>
        public DateTimeOffset? LastContactedDateTime { get; set; }
        /// <summary>Description.</summary>
        public string? Description { get; set; }

        /// <summary>Builds the view of <paramref name="d"/> on <paramref name="tokenId"/>.</summary>
        public static AdeDevice From(ImportedAppleDeviceIdentity d, string tokenId)
        {
            if (d is null) throw new ArgumentNullException(nameof(d));
            return new AdeDevice
            {
                TokenId = tokenId,
                Id = d.Id ?? string.Empty,
                SerialNumber = d.SerialNumber,
                Platform = d.Platform,
                EnrollmentState = d.EnrollmentState,
                RequestedEnrollmentProfileId = string.IsNullOrWhiteSpace(d.RequestedEnrollmentProfileId) ? null : d.RequestedEnrollmentProfileId,
                RequestedEnrollmentProfileAssignmentDateTime = TokenStatusBuilder.Never(d.RequestedEnrollmentProfileAssignmentDateTime),
                IsSupervised = d.IsSupervised,
                DiscoverySource = d.DiscoverySource,
                IsDeleted = d.IsDeleted,
                CreatedDateTime = TokenStatusBuilder.Never(d.CreatedDateTime),
                LastContactedDateTime = TokenStatusBuilder.Never(d.LastContactedDateTime),
                Description = d.Description,
            };
        }

        /// <inheritdoc />
        public override string ToString() => $"{SerialNumber} ({EnrollmentState})";
    }
}
