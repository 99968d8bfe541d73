using System;
using System.Collections.Generic;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>beta importedAppleDeviceIdentity: a device Apple assigned to the token's MDM server.</summary>
    public sealed class ImportedAppleDeviceIdentity : GraphEntity
    {
        /// <summary>Serial number.</summary>
        public string? SerialNumber { get; set; }
        /// <summary>Profile the admin wants applied at next enrollment.</summary>
        public string? RequestedEnrollmentProfileId { get; set; }
        /// <summary>When that profile was assigned.</summary>
        public DateTimeOffset? RequestedEnrollmentProfileAssignmentDateTime { get; set; }
        /// <summary>Supervised.</summary>
        public bool? IsSupervised { get; set; }
        /// <summary>unknown, adminImport, deviceEnrollmentProgram.</summary>
        public string? DiscoverySource { get; set; }
        /// <summary>Whether the device was deleted from ABM/ASM.</summary>
        public bool? IsDeleted { get; set; }
        /// <summary>Created.</summary>
        public DateTimeOffset? CreatedDateTime { get; set; }
        /// <summary>Last contact.</summary>
        public DateTimeOffset? LastContactedDateTime { get; set; }
        /// <summary>Description.</summary>
        public string? Description { get; set; }
        /// <summary>unknown, enrolled, pendingReset, failed, notContacted, blocked.</summary>
        public string? EnrollmentState { get; set; }
        /// <summary>ios, macOS, visionOS, tvos, …</summary>
        public string? Platform { get; set; }

        /// <summary>Kiota factory.</summary>
        public static ImportedAppleDeviceIdentity CreateFromDiscriminatorValue(IParseNode parseNode) => new ImportedAppleDeviceIdentity();

        /// <inheritdoc />
        public override IDictionary<string, Action<IParseNode>> GetFieldDeserializers()
        {
            var d = base.GetFieldDeserializers();
            d["serialNumber"] = n => SerialNumber = n.GetStringValue();
            d["requestedEnrollmentProfileId"] = n => RequestedEnrollmentProfileId = n.GetStringValue();
            d["requestedEnrollmentProfileAssignmentDateTime"] = n => RequestedEnrollmentProfileAssignmentDateTime = n.GetDateTimeOffsetValue();
            d["isSupervised"] = n => IsSupervised = n.GetBoolValue();
            d["discoverySource"] = n => DiscoverySource = n.GetStringValue();
            d["isDeleted"] = n => IsDeleted = n.GetBoolValue();
            d["createdDateTime"] = n => CreatedDateTime = n.GetDateTimeOffsetValue();
            d["lastContactedDateTime"] = n => LastContactedDateTime = n.GetDateTimeOffsetValue();
            d["description"] = n => Description = n.GetStringValue();
            d["enrollmentState"] = n => EnrollmentState = n.GetStringValue();
            d["platform"] = n => Platform = n.GetStringValue();
            return d;
        }
    }
}
