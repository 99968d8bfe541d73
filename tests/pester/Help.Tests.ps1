# Get-Help for every exported cmdlet comes from the MAML that build.ps1 generates from docs/en-US, and the
# about topics resolve. Runs against the module laid out in out/, where Get-Help looks for the files.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    # The cases come from what the built module exports, so a new cmdlet gets checked without editing this file.
    Import-Module (Get-AdeTestModulePath) -Force
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $script:commandCases = @(Get-Command -Module AdeTokens -CommandType Cmdlet | Sort-Object Name | ForEach-Object {
            $cmd = $_
            @{
                Name       = $cmd.Name
                Parameters = @($cmd.Parameters.Keys | Where-Object { $common -notcontains $_ } | Sort-Object | ForEach-Object {
                        @{ Name = $cmd.Name; Parameter = $_ }
                    })
            }
        })

    # The codes as the built module has them. HealthFindingCodes lives in AdeTokens.Core, which PowerShell 7
    # loads into the module's private load context, so ask that context (5.1 has one AppDomain).
    $cmdletAssembly = (Get-Command Test-AdeTokenHealth).ImplementingType.Assembly
    $coreName = $cmdletAssembly.GetReferencedAssemblies() | Where-Object Name -eq 'AdeTokens.Core'
    $core = if ('System.Runtime.Loader.AssemblyLoadContext' -as [type]) {
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($cmdletAssembly).LoadFromAssemblyName($coreName)
    }
    else {
        [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AdeTokens.Core' } | Select-Object -First 1
    }
    $codesType = $core.GetType('AdeTokens.Health.HealthFindingCodes', $true)
    $script:codeCases = @($codesType.GetFields([Reflection.BindingFlags]'Public, Static') | Where-Object IsLiteral | ForEach-Object {
            @{ Code = [string]$_.GetRawConstantValue() }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
}

Describe 'Get-Help <Name>' -ForEach $commandCases {
    BeforeAll {
        $help = Get-Help -Name $Name -Full
    }

    It 'has a synopsis of its own, not the generated syntax' {
        $synopsis = ([string]$help.Synopsis).Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        # Without MAML, Get-Help puts the syntax in Synopsis: "<Name> [-Param <type>] ... [<CommonParameters>]".
        $synopsis | Should -Not -BeLike "$Name*"
        $synopsis | Should -Not -Match '<CommonParameters>'
        ($help.description | ForEach-Object Text) -join '' | Should -Not -BeNullOrEmpty
    }

    It 'has an example that runs it' {
        $codes = @($help.examples.example | ForEach-Object { [string]$_.code })
        $codes | Where-Object { $_ -match "(?<![\w-])$([regex]::Escape($Name))(?![\w-])" } | Should -Not -BeNullOrEmpty
    }

    # A cmdlet without parameters of its own (Get-AdeGraphContext) has nothing to generate here, and Pester 6
    # refuses an empty -ForEach; -AllowNullOrEmptyForEach would not bind on Pester 5.
    if ($Parameters.Count -gt 0) {
        It 'describes -<Parameter>' -ForEach $Parameters {
            $entry = @($help.parameters.parameter) | Where-Object name -eq $Parameter
            $entry | Should -Not -BeNullOrEmpty -Because "Get-Help $Name should list -$Parameter"
            (@($entry)[0].description | ForEach-Object Text) -join '' | Should -Not -BeNullOrEmpty -Because "-$Parameter of $Name needs a description"
        }
    }
}

Describe 'About topics' {
    It '<Topic> resolves with Get-Help' -ForEach @(
        @{ Topic = 'about_AdeTokens' }
        @{ Topic = 'about_AdeTokens_HealthRules' }
    ) {
        $text = Get-Help -Name $Topic -ErrorAction Stop | Out-String
        $text | Should -Match "(?m)^# $Topic\s*$"
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'LONG DESCRIPTION'
    }
}

Describe 'about_AdeTokens_HealthRules' {
    BeforeAll {
        $rules = Get-Help -Name about_AdeTokens_HealthRules -ErrorAction Stop | Out-String
        $sourceCodes = @(Select-String -LiteralPath (Join-Path $PSScriptRoot '..' '..' 'src' 'AdeTokens.Core' 'Health' 'HealthFindingCodes.cs') `
                -Pattern 'public const string (\w+) = "(\w+)"' | ForEach-Object { $_.Matches[0].Groups[2].Value })
    }

    It 'reads the same finding codes from the built module as the source declares' -ForEach @(@{ ModuleCodes = @($codeCases | ForEach-Object { $_.Code }) }) {
        # Guards the generated cases below: an empty list would make them pass vacuously.
        $sourceCodes.Count | Should -BeGreaterThan 0
        @($ModuleCodes | Sort-Object) | Should -Be @($sourceCodes | Sort-Object)
    }

    It 'documents <Code> under its own heading' -ForEach $codeCases {
        $rules | Should -Match "(?m)^###\s+$Code\s*$"
    }
}
