using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Nianbao.Storage;

namespace Nianbao.Web.Accounts;

/// <summary>Users and tokens over the store, with ASP.NET Core Identity's password hasher (PBKDF2, salted, versioned).</summary>
public sealed class AccountService(ReportStore store)
{
    private static readonly PasswordHasher<UserRecord> Hasher = new();

    /// <summary>Shorter passwords are refused: reviewers sign in from shared office networks.</summary>
    public const int MinPasswordLength = 8;

    public long AddUser(string name, string password, string role)
    {
        name = name.Trim();
        if (name.Length is 0 or > 64) throw new StoreException("用户名不能为空，且不超过 64 个字符");
        if (password.Length < MinPasswordLength) throw new StoreException($"密码至少 {MinPasswordLength} 位");
        return store.Add(name, Hasher.HashPassword(new UserRecord { Name = name }, password), role);
    }

    /// <summary>The user when the password matches; a rehash (newer hasher version) is stored on the way.</summary>
    public UserRecord? SignIn(string name, string password)
    {
        var user = store.FindUser(name.Trim());
        if (user is null)
        {
            // Same work for an unknown name, so timing does not tell which names exist.
            Hasher.VerifyHashedPassword(new UserRecord(), DummyHash, password);
            return null;
        }
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed) return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded) store.SetPasswordHash(user.Id, Hasher.HashPassword(user, password));
        return user;
    }

    /// <summary>A new random token for a user; only its SHA-256 is stored, so it is shown once.</summary>
    public string CreateToken(string userName, string? label)
    {
        var user = store.FindUser(userName) ?? throw new StoreException($"没有这个用户：{userName}");
        var token = "nb_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        store.AddToken(user.Id, Sha256(token), label);
        return token;
    }

    public UserRecord? FromToken(string token) => store.FindUserByToken(Sha256(token));

    /// <summary>
    /// A first administrator when the store has no user at all, with a random password the operator sees once on the
    /// console: the app is never writable without a password, and a new user can still start at once.
    /// </summary>
    public (string Name, string Password)? EnsureFirstAdmin()
    {
        if (store.CountUsers() > 0) return null;
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
        AddUser("admin", password, UserRoles.Admin);
        return ("admin", password);
    }

    public static ClaimsPrincipal Principal(UserRecord user, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)], scheme));

    private static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static readonly string DummyHash = Hasher.HashPassword(new UserRecord(), "not-a-password");
}
