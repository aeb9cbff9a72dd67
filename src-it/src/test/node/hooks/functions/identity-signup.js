// Netlify's documented identity-signup function: give every new user a role.
exports.handler = async (event) => {
  const { user } = JSON.parse(event.body);
  return {
    statusCode: 200,
    body: JSON.stringify({ app_metadata: { ...user.app_metadata, roles: ['subscriber'] } }),
  };
};
