using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AdeTokens.Graph.Json;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>beta importedAppleDeviceIdentity: a device Apple assigned to the token's MDM server.</summary>
    public sealed class ImportedAppleDeviceIdentity : GraphEntity, IFieldTarget
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

        private static readonly FieldTable<ImportedAppleDeviceIdentity> s_fields = FieldTable<ImportedAppleDeviceIdentity>.ForEntity(new Dictionary<string, Action<ImportedAppleDeviceIdentity, IParseNode>>
        {
            ["serialNumber"] = [MethodImpl(HotPath.FullyOptimized)] (d, n) => d.SerialNumber = n.GetStringValue(),
            ["requestedEnrollmentProfileId"] = [MethodImpl(HotPath.FullyOptimized)] (d, n) => d.RequestedEnrollmentProfileId = n.GetStringValue(),
            ["requestedEnrollmentProfileAssignmentDateTime"] = [MethodImpl(HotPath.FullyOptimized)] (d, n) => d.RequestedEnrollmentProfileAssignmentDateTime = n.GetDateTimeOffsetValue(),
            ["isSupervised"] = [MethodImpl(HotPath.FullyOptimized)] (d, n) => d.IsSupervised = n.GetBoolValue(),
            ["discoverySource"] = [MethodImpl(HotPath.FullyOptimized)] (d, n) => d.DiscoverySource = n.GetStringValue(),
            ["isDeleted"] = [MethodImpl(HotPath.FullyOptimized)] (d, n) => d.IsDeleted = n.GetBoolValue(),
            ["createdDateTime"] = [MethodImpl(HotPath.FullyOptimized)] (d, n) => d.CreatedDateTime = n.GetDateTimeOffsetValue(),
            ["lastContactedDateTime"] = [MethodImpl(HotPath.FullyOptimized)] (d, n) => d.LastContactedDateTime = n.GetDateTimeOffsetValue(),
            ["description"] = [MethodImpl(HotPath.FullyOptimized)] (d, n) => d.Description = n.GetStringValue(),
            ["enrollmentState"] = [MethodImpl(HotPath.FullyOptimized)] (d, n) => d.EnrollmentState = n.GetStringValue(),
            ["platform"] = [MethodImpl(HotPath.FullyOptimized)] (d, n) => d.Platform = n.GetStringValue(),
        });

        /// <inheritdoc />
        /// <remarks>Built once for the type: a token can hold 200,000 of these (see <see cref="FieldTable{T}"/>).</remarks>
        public override IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => s_fields.Bind(this);

        [MethodImpl(HotPath.FullyOptimized)]
        bool IFieldTarget.TryAssign(string name, IParseNode value, bool isNull) => s_fields.TryAssign(this, name, value, isNull);
    }
}
