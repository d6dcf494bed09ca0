namespace Nianbao.Release.Tests;

/// <summary>The linux-arm64 archive (Kunpeng, Phytium) under qemu-user with Debian's arm64 libraries.</summary>
public class LinuxArm64UnderQemuTests
{
    [Fact]
    public void Parses_the_samples_and_a_real_pdf_byte_for_byte_as_the_x64_build()
    {
        var arm = Parses.Run(Emulators.QemuAarch64, [Path.Combine(Release.Unpack("linux-arm64"), "nianbao")], Emulators.QemuEnvironment());
        Reports.AssertTruth(arm.Out);
        Assert.True(Parses.Linux.Out.AsSpan().SequenceEqual(arm.Out), "the arm64 build's JSON differs from the x64 build's");
    }
}
