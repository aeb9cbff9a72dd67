// An identity-login function that only listens: 204, nothing changed.
exports.handler = async () => ({ statusCode: 204 });
