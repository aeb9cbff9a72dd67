// An identity-validate function: refuse one domain; take its time for another (a hook that hangs).
exports.handler = async (event) => {
  const { user } = JSON.parse(event.body);
  if (user.email.endsWith('@blocked.example.com')) {
    return { statusCode: 401, body: JSON.stringify({ webhook_error: 'Signups from this domain are not allowed' }) };
  }
  if (user.email.endsWith('@slow.example.com')) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  return { statusCode: 200, body: JSON.stringify({ user_metadata: { ...user.user_metadata, validated: true } }) };
};
