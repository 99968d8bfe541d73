using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>
    /// beta depOnboardingSetting: one Apple ADE/DEP service instance onboarded to Intune, holding the
    /// Apple server token. Property names and types follow the beta resource documentation.
    /// </summary>
    public sealed class DepOnboardingSetting : GraphEntity
    {
        /// <summary>Apple ID used to obtain the current token.</summary>
        public string? AppleIdentifier { get; set; }
        /// <summary>When the token expires.</summary>
        public DateTimeOffset? TokenExpirationDateTime { get; set; }
        /// <summary>When the service was onboarded (per the docs).</summary>
        public DateTimeOffset? LastModifiedDateTime { get; set; }
        /// <summary>Last successful sync.</summary>
        public DateTimeOffset? LastSuccessfulSyncDateTime { get; set; }
        /// <summary>When Intune last requested a sync.</summary>
        public DateTimeOffset? LastSyncTriggeredDateTime { get; set; }
        /// <summary>Whether the token is shared with School Data Sync.</summary>
        public bool? ShareTokenWithSchoolDataSyncService { get; set; }
        /// <summary>Error code Apple reported during the last sync (meaning of values undocumented).</summary>
        public int? LastSyncErrorCode { get; set; }
        /// <summary>Raw depTokenType value (none, dep, appleSchoolManager, or a newer one).</summary>
        public string? TokenType { get; set; }
        /// <summary>Friendly name.</summary>
        public string? TokenName { get; set; }
        /// <summary>Number of synced devices.</summary>
        public int? SyncedDeviceCount { get; set; }
        /// <summary>Whether consent was given to share data with Apple's DEP service.</summary>
        public bool? DataSharingConsentGranted { get; set; }
        /// <summary>Scope tags.</summary>
        public List<string>? RoleScopeTagIds { get; set; }
        /// <summary>The token's profiles when they came with it ($expand=enrollmentProfiles); null when not expanded.</summary>
        public List<EnrollmentProfile>? EnrollmentProfiles { get; set; }
        /// <summary>Graph cut the expanded profile list short (it sent enrollmentProfiles@odata.nextLink): list them separately.</summary>
        public bool EnrollmentProfilesTruncated { get; set; }

        /// <summary>Kiota factory.</summary>
        public static DepOnboardingSetting CreateFromDiscriminatorValue(IParseNode parseNode) => new DepOnboardingSetting();

        /// <inheritdoc />
        public override IDictionary<string, Action<IParseNode>> GetFieldDeserializers()
        {
            var d = base.GetFieldDeserializers();
            d["appleIdentifier"] = n => AppleIdentifier = n.GetStringValue();
            d["enrollmentProfiles"] = n => EnrollmentProfiles = n.GetCollectionOfObjectValues(EnrollmentProfile.CreateFromDiscriminatorValue)?.ToList();
            d["enrollmentProfiles@odata.nextLink"] = n => EnrollmentProfilesTruncated = !string.IsNullOrEmpty(n.GetStringValue());
            d["tokenExpirationDateTime"] = n => TokenExpirationDateTime = n.GetDateTimeOffsetValue();
            d["lastModifiedDateTime"] = n => LastModifiedDateTime = n.GetDateTimeOffsetValue();
            d["lastSuccessfulSyncDateTime"] = n => LastSuccessfulSyncDateTime = n.GetDateTimeOffsetValue();
            d["lastSyncTriggeredDateTime"] = n => LastSyncTriggeredDateTime = n.GetDateTimeOffsetValue();
            d["shareTokenWithSchoolDataSyncService"] = n => ShareTokenWithSchoolDataSyncService = n.GetBoolValue();
            d["lastSyncErrorCode"] = n => LastSyncErrorCode = n.GetIntValue();
            // Kept as a string so a value Graph adds later is shown rather than dropped.
            d["tokenType"] = n => TokenType = n.GetStringValue();
            d["tokenName"] = n => TokenName = n.GetStringValue();
            d["syncedDeviceCount"] = n => SyncedDeviceCount = n.GetIntValue();
            d["dataSharingConsentGranted"] = n => DataSharingConsentGranted = n.GetBoolValue();
            d["roleScopeTagIds"] = n => RoleScopeTagIds = n.GetCollectionOfPrimitiveValues<string>()?.Where(s => s != null).Select(s => s!).ToList();
            return d;
        }

        /// <inheritdoc />
        public override void Serialize(ISerializationWriter writer)
        {
            if (writer is null) throw new ArgumentNullException(nameof(writer));
            writer.WriteStringValue("appleIdentifier", AppleIdentifier);
            writer.WriteDateTimeOffsetValue("tokenExpirationDateTime", TokenExpirationDateTime);
            writer.WriteDateTimeOffsetValue("lastModifiedDateTime", LastModifiedDateTime);
            writer.WriteDateTimeOffsetValue("lastSuccessfulSyncDateTime", LastSuccessfulSyncDateTime);
            writer.WriteDateTimeOffsetValue("lastSyncTriggeredDateTime", LastSyncTriggeredDateTime);
            writer.WriteBoolValue("shareTokenWithSchoolDataSyncService", ShareTokenWithSchoolDataSyncService);
            writer.WriteIntValue("lastSyncErrorCode", LastSyncErrorCode);
            writer.WriteStringValue("tokenType", TokenType);
            writer.WriteStringValue("tokenName", TokenName);
            writer.WriteIntValue("syncedDeviceCount", SyncedDeviceCount);
            writer.WriteBoolValue("dataSharingConsentGranted", DataSharingConsentGranted);
            writer.WriteCollectionOfPrimitiveValues("roleScopeTagIds", RoleScopeTagIds);
            base.Serialize(writer);
        }

        /// <summary>The properties as Graph named them, for power users (unknown ones included).</summary>
        public IDictionary<string, object?> ToRawProperties()
        {
            var raw = new RawProperties
            {
                ["id"] = Id,
                ["appleIdentifier"] = AppleIdentifier,
                ["tokenExpirationDateTime"] = TokenExpirationDateTime,
                ["lastModifiedDateTime"] = LastModifiedDateTime,
                ["lastSuccessfulSyncDateTime"] = LastSuccessfulSyncDateTime,
                ["lastSyncTriggeredDateTime"] = LastSyncTriggeredDateTime,
                ["shareTokenWithSchoolDataSyncService"] = ShareTokenWithSchoolDataSyncService,
                ["lastSyncErrorCode"] = LastSyncErrorCode,
                ["tokenType"] = TokenType,
                ["tokenName"] = TokenName,
                ["syncedDeviceCount"] = SyncedDeviceCount,
                ["dataSharingConsentGranted"] = DataSharingConsentGranted,
                ["roleScopeTagIds"] = RoleScopeTagIds?.ToArray(),
            };
            foreach (var kv in AdditionalData)
            {
                raw[kv.Key] = UntypedValues.ToPlain(kv.Value);
            }
            return raw;
        }
    }
}
