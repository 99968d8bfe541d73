using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using AdeTokens.Graph.Json;
using AdeTokens.Graph.Models;
using AdeTokens.Health;
using Xunit;

namespace AdeTokens.Tests.Graph
{
    /// <summary>
    /// The per-field parse path is compiled fully optimized on its first call (HotPath says why). A refactor that drops
    /// the flag, or a new per-field step without it, still works and is only slower, so nothing else would notice.
    /// </summary>
    public class HotPathTests
    {
        private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        [Fact]
        public void TheFlagIsDotNetsAggressiveOptimization()
        {
            Assert.Equal(512, (int)HotPath.FullyOptimized);
#if NET
            Assert.Equal(MethodImplOptions.AggressiveOptimization, HotPath.FullyOptimized);
#endif
        }

        public static IEnumerable<object[]> PerFieldMethods() => new[]
        {
            new object[] { typeof(ElementParseNode), "GetStringValue" },
            new object[] { typeof(ElementParseNode), "GetObjectValue" },
            new object[] { typeof(ElementParseNode), "GetCollectionOfObjectValues" },
            new object[] { typeof(ElementParseNode), "Assign" },
            new object[] { typeof(ParseScope), "Name" },
            new object[] { typeof(ParseScope), "String" },
            new object[] { typeof(FieldTable<ImportedAppleDeviceIdentity>), "TryAssign" },
            new object[] { typeof(DeviceFacts), "Add" },
            new object[] { typeof(DeviceFacts), "GroupOf" },
            new object[] { typeof(DeviceFacts), "SerialOf" },
        };

        [Theory]
        [MemberData(nameof(PerFieldMethods))]
        public void EveryStepOfAFieldIsCompiledFullyOptimized(Type type, string name)
        {
            var methods = type.GetMethods(All).Where(m => m.Name == name).ToList();
            Assert.NotEmpty(methods);
            foreach (var m in methods)
                Assert.True((m.MethodImplementationFlags & (MethodImplAttributes)512) != 0, $"{type.Name}.{m.Name} lost its MethodImpl(HotPath.FullyOptimized).");
        }

        [Fact]
        public void EveryDeviceFieldSetterIsCompiledFullyOptimized()
        {
            // The device model's field table: one lambda per field, each called for that field of every device.
            var setters = typeof(ImportedAppleDeviceIdentity).GetNestedTypes(BindingFlags.NonPublic)
                .SelectMany(t => t.GetMethods(All))
                .Where(m => m.Name.Contains("cctor") && m.GetParameters().Length == 2)
                .ToList();
            Assert.True(setters.Count >= 11, $"found {setters.Count} field setters");
            Assert.All(setters, m => Assert.True((m.MethodImplementationFlags & (MethodImplAttributes)512) != 0, m.Name));
            var target = typeof(ImportedAppleDeviceIdentity).GetInterfaceMap(typeof(IFieldTarget)).TargetMethods.Single();
            Assert.True((target.MethodImplementationFlags & (MethodImplAttributes)512) != 0);
        }
    }
}
