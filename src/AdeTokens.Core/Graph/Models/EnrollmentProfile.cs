using System;
using System.Collections.Generic;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AdeTokens.Graph.Models
{
    /// <summary>
    /// beta enrollmentProfile and its derived depIOSEnrollmentProfile / depMacOSEnrollmentProfile.
    /// The many Setup Assistant settings of the derived types stay in AdditionalData.
    /// </summary>
    public sealed class EnrollmentProfile : GraphEntity
    {
        /// <summary>Name shown in the admin center.</summary>
        public string? DisplayName { get; set; }
        /// <summary>Description.</summary>
        public string? Description { get; set; }
        /// <summary>Whether the device must authenticate the user (user affinity).</summary>
        public bool? RequiresUserAuthentication { get; set; }
        /// <summary>Configuration endpoint URL.</summary>
        public string? ConfigurationEndpointUrl { get; set; }
        /// <summary>Authenticate with Company Portal rather than Setup Assistant.</summary>
        public bool? EnableAuthenticationViaCompanyPortal { get; set; }
        /// <summary>Require Company Portal on Setup Assistant-enrolled devices.</summary>
        public bool? RequireCompanyPortalOnSetupAssistantEnrolledDevices { get; set; }
        /// <summary>Support phone number (derived types).</summary>
        public string? SupportPhoneNumber { get; set; }
        /// <summary>Department (derived types).</summary>
        public string? SupportDepartment { get; set; }
        /// <summary>Whether the device is supervised (derived types).</summary>
        public bool? IsSupervised { get; set; }
        /// <summary>Whether the profile is the token's default for its platform (derived types).</summary>
        public bool? IsDefault { get; set; }
        /// <summary>Supervised mode (derived types). The documented name; older code read isSupervised.</summary>
        public bool? SupervisedModeEnabled { get; set; }
        /// <summary>The VPP token that delivers Company Portal to devices of this profile (derived types); null when none.</summary>
        public string? CompanyPortalVppTokenId { get; set; }

        /// <summary>Kiota factory.</summary>
        public static EnrollmentProfile CreateFromDiscriminatorValue(IParseNode parseNode) => new EnrollmentProfile();

        /// <inheritdoc />
        public override IDictionary<string, Action<IParseNode>> GetFieldDeserializers()
        {
            var d = base.GetFieldDeserializers();
            d["displayName"] = n => DisplayName = n.GetStringValue();
            d["description"] = n => Description = n.GetStringValue();
            d["requiresUserAuthentication"] = n => RequiresUserAuthentication = n.GetBoolValue();
            d["configurationEndpointUrl"] = n => ConfigurationEndpointUrl = n.GetStringValue();
            d["enableAuthenticationViaCompanyPortal"] = n => EnableAuthenticationViaCompanyPortal = n.GetBoolValue();
            d["requireCompanyPortalOnSetupAssistantEnrolledDevices"] = n => RequireCompanyPortalOnSetupAssistantEnrolledDevices = n.GetBoolValue();
            d["supportPhoneNumber"] = n => SupportPhoneNumber = n.GetStringValue();
            d["supportDepartment"] = n => SupportDepartment = n.GetStringValue();
            d["isSupervised"] = n => IsSupervised = n.GetBoolValue();
            d["isDefault"] = n => IsDefault = n.GetBoolValue();
            d["supervisedModeEnabled"] = n => SupervisedModeEnabled = n.GetBoolValue();
            d["companyPortalVppTokenId"] = n => CompanyPortalVppTokenId = n.GetStringValue();
            return d;
        }

        /// <summary>ios, macOS, visionOS, tvOS or unknown, from the @odata.type.</summary>
        public string Platform
        {
            get
            {
                var t = OdataType ?? string.Empty;
                if (t.IndexOf("depIOS", StringComparison.OrdinalIgnoreCase) >= 0) return "iOS";
                if (t.IndexOf("depMacOS", StringComparison.OrdinalIgnoreCase) >= 0) return "macOS";
                if (t.IndexOf("depVisionOS", StringComparison.OrdinalIgnoreCase) >= 0) return "visionOS";
                if (t.IndexOf("depTvOS", StringComparison.OrdinalIgnoreCase) >= 0) return "tvOS";
                return "Unknown";
            }
        }
    }
}
